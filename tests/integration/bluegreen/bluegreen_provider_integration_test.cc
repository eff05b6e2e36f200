// bluegreen.service through the local transport against the estate's real
// nginx: switches with a load running, refusals, nginx -t failures, rollback
// after a failed post-switch check, drift and removal.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "reconciler/providers/bluegreen/bluegreen_provider.h"
#include "support/estate.h"
#include "support/default_settings.h"
#include "support/read_text.h"

using kilter::testing::ReadText;
using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string Get(const std::string& url) {
  std::string out;
  FILE* p = popen(("curl -s --max-time 2 " + url).c_str(), "r");
  char buf[256];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

struct Estate {
  std::map<std::string, std::string> env = kilter::testing::EstateEnv("nginx");
  Host host{"lb", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = MakeBlueGreenProvider();
  std::unique_ptr<Transport> transport = Connect(host, {});
  Resource service;
  json settings;
  std::string lb = "http://127.0.0.1:" + env["NGINX_LB_PORT"];

  Estate() {
    for (const auto& f : fs::directory_iterator(env["NGINX_CONF_DIR"])) fs::remove(f.path());
    fs::remove(env["NGINX_BLUE_DOWN"]);
    fs::remove(env["NGINX_GREEN_DOWN"]);
    service.type = "bluegreen.service";
    service.name = "storefront";
    service.host = "lb";
    service.fields = {
        {"slots", {{"blue", {{{"address", "127.0.0.1:" + env["NGINX_BLUE_PORT"]}}}},
                   {"green", {{{"address", "127.0.0.1:" + env["NGINX_GREEN_PORT"]}}}}}},
        {"versions", json::object()},
        {"active", "blue"},
        {"frontend", lb},
        {"health", {{"path", "/health"}, {"status", 200}, {"timeout", 1000}, {"attempts", 2},
                    {"interval", 200}}}};
    settings = kilter::testing::DefaultSettings(provider->name());
    settings["conf_dir"] = env["NGINX_CONF_DIR"];
    settings["nginx"] = env["NGINX_CMD"];
    Reload();
  }

  void Reload() { std::system((env["NGINX_CMD"] + " -s reload 2>/dev/null").c_str()); }
  std::string ConfPath() { return env["NGINX_CONF_DIR"] + "/kilter-storefront.conf"; }
  ProviderContext Context() { return {host, settings, {&service}, {}, {}}; }

  std::vector<Change> Plan(std::vector<const Resource*> desired) {
    ProviderContext ctx{host, settings, std::move(desired), {}, {}};
    LiveState live = provider->Read(*transport, ctx);
    std::vector<Change> changes = provider->Diff(ctx, live);
    provider->Validate(*transport, ctx, changes);
    return changes;
  }
  std::vector<Change> Plan() { return Plan({&service}); }

  void Apply() { provider->Apply(*transport, Context(), Plan()); }

  Change Active(const std::string& slot) {
    service.fields["active"] = slot;
    std::vector<Change> changes = Plan();
    REQUIRE(changes.size() == 1);
    return changes[0];
  }
};

}  // namespace

TEST_CASE("bluegreen on nginx: create, then switch blue to green with no failed request") {
  Estate e;
  e.Apply();
  CHECK(Get(e.lb + "/") == "blue\n");
  CHECK(e.Plan()[0].kind == ChangeKind::kNothing);

  Change sw = e.Active("green");
  CHECK(sw.kind == ChangeKind::kUpdate);
  CHECK(sw.actions[0].summary == "switch storefront: blue → green");

  // Four clients hammer the load balancer (a new connection per request)
  // from a second before the switch until a second after it returned, however
  // long it takes on a loaded machine: the load always spans the switch.
  std::string results = fs::temp_directory_path() / "kilter-bluegreen-load";
  std::string stop = results + ".stop";
  fs::remove(stop);
  std::string load = fmt::format(
      "for w in 1 2 3 4; do (while [ ! -e {} ]; do "
      "curl -s -o /dev/null -w '%{{http_code}}\\n' --max-time 5 {}/; done) & done > {}; wait",
      ShellQuote(stop), e.lb, results);
  std::thread clients([&] { std::system(("bash -c " + ShellQuote(load)).c_str()); });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  e.provider->Apply(*e.transport, e.Context(), {sw});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::ofstream(stop).put('\n');
  clients.join();
  fs::remove(stop);

  std::istringstream codes(ReadText(results));
  int ok = 0, failed = 0;
  for (std::string code; std::getline(codes, code);) (code == "200" ? ok : failed)++;
  INFO(fmt::format("{} requests answered 200, {} did not", ok, failed));
  CHECK(ok >= 8);  // at least two per client: the load ran; what matters is that none failed
  CHECK(failed == 0);
  CHECK(Get(e.lb + "/") == "green\n");
  CHECK(e.Plan()[0].kind == ChangeKind::kNothing);
}

TEST_CASE("bluegreen on nginx: a switch to an unhealthy slot is refused before anything changes") {
  Estate e;
  e.Apply();
  std::string before = ReadText(e.ConfPath());
  std::ofstream(e.env["NGINX_GREEN_DOWN"]) << "";
  e.service.fields["active"] = "green";
  CHECK_THROWS_WITH(e.Plan(), Catch::Contains("refusing to make slot green live") &&
                                  Catch::Contains("UNHEALTHY (http://127.0.0.1:" + e.env["NGINX_GREEN_PORT"] + "/health: answered 503"));
  CHECK(ReadText(e.ConfPath()) == before);
  CHECK(Get(e.lb + "/") == "blue\n");
}

TEST_CASE("bluegreen on nginx: an unhealthy live slot is drift") {
  Estate e;
  e.Apply();
  std::ofstream(e.env["NGINX_BLUE_DOWN"]) << "";
  Change c = e.Plan()[0];
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE_FALSE(c.problems.empty());
  CHECK(c.problems[0].rfind("the live slot blue fails its health checks", 0) == 0);
}

TEST_CASE("bluegreen on nginx: an nginx -t failure restores the old file") {
  Estate e;
  e.Apply();
  std::string before = ReadText(e.ConfPath());
  // A weight the schema would refuse: only nginx -t stands in the way here.
  e.service.fields["slots"]["blue"][0]["weight"] = 0;
  CHECK_THROWS_WITH(e.Apply(), Catch::Contains("nginx -t rejected the new configuration; the previous "
                                               "files were restored") &&
                                   Catch::Contains("weight=0"));
  CHECK(ReadText(e.ConfPath()) == before);
  CHECK(Get(e.lb + "/") == "blue\n");
}

TEST_CASE("bluegreen on nginx: a switch that fails through the frontend is rolled back") {
  Estate e;
  e.service.fields["versions"] = {{"blue", "blue"}, {"green", "green"}};
  e.service.fields["frontend"] = "http://127.0.0.1:" + e.env["NGINX_STUCK_PORT"];
  e.Apply();
  std::string before = ReadText(e.ConfPath());
  Change sw = e.Active("green");  // green itself is healthy: the plan passes
  CHECK_THROWS_WITH(e.provider->Apply(*e.transport, e.Context(), {sw}),
                    Catch::Contains("the health check through the frontend failed") &&
                        Catch::Contains("switched back: slot blue serves again"));
  CHECK(ReadText(e.ConfPath()) == before);
  CHECK(Get(e.lb + "/") == "blue\n");
}

TEST_CASE("bluegreen on nginx: hand edits are drift; removal deletes only kilter's file") {
  Estate e;
  e.Apply();
  std::ofstream(e.ConfPath(), std::ios::app) << "# a hand edit\n";
  Change drift = e.Plan()[0];
  CHECK(drift.kind == ChangeKind::kUpdate);
  CHECK(drift.cause == DriftCause::kLiveChanged);
  e.Apply();
  CHECK(e.Plan()[0].kind == ChangeKind::kNothing);

  std::ofstream(e.env["NGINX_CONF_DIR"] + "/kilter-unmarked.conf") << "# not kilter's\n";
  std::vector<Change> removal = e.Plan({});
  REQUIRE(removal.size() == 1);
  CHECK(removal[0].kind == ChangeKind::kDelete);
  e.provider->Apply(*e.transport, e.Context(), removal);
  CHECK_FALSE(fs::exists(e.ConfPath()));
  CHECK(fs::exists(e.env["NGINX_CONF_DIR"] + "/kilter-unmarked.conf"));
}
