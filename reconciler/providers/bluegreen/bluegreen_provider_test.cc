#include "reconciler/providers/bluegreen/bluegreen_provider.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "reconciler/providers/bluegreen/service.h"
#include "reconciler/providers/kit/owned_file.h"
#include "support/read_facts.h"
#include "support/fake_transport.h"
#include "support/default_settings.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using kilter::testing::FakeTransport;
using nlohmann::json;

namespace {

json Server(const std::string& address, int weight = 1, bool backup = false) {
  return {{"address", address}, {"weight", weight},     {"max_fails", 1},
          {"fail_timeout", 10000}, {"backup", backup}, {"drain", false}};
}

Resource Storefront(const std::string& active = "blue") {
  Resource r;
  r.type = "bluegreen.service";
  r.name = "storefront";
  r.host = "lb";
  r.fields = {
      {"slots",
       {{"blue", {Server("127.0.0.1:18081")}},
        {"green", {Server("127.0.0.1:18082", 2, true)}}}},
      {"versions", json::object()},
      {"active", active},
      {"frontend", "http://127.0.0.1:18080"},
      {"health",
       {{"path", "/health"},
        {"status", 200},
        {"timeout", 2000},
        {"attempts", 3},
        {"interval", 1000}}},
      {"drain_timeout", 5000},
      {"checked_by", json::array()}};
  return r;
}

/// One thing the host holds: a "file" at a path, or the "health" a server
/// ("SERVICE SLOT HOST:PORT") or the frontend ("SERVICE @frontend") answers.
using kilter::testing::Fact;
using kilter::testing::Facts;
using kilter::testing::Record;
using kilter::testing::operator+;

const std::string kPath = "/etc/nginx/conf.d/kilter-storefront.conf";

/// What the kit's probe prints for an answer "STATUS BODY" ("000 ": none).
std::string Probed(const std::string& answer) {
  std::string status = answer.substr(0, 3);
  if (status == "000") {
    return "sample 7 000 0.000100 curl: (7) Failed to connect to 127.0.0.1\t\nbody\n";
  }
  return fmt::format("sample 0 {} 0.002000 \nbody\n{}\n", status, answer.substr(4));
}

struct Fixture {
  Host host{"lb", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = MakeBlueGreenProvider();
  Resource resource = Storefront();
  FakeTransport transport{"lb"};

  ProviderContext Context() { return {host, kilter::testing::DefaultSettings(provider->name()), {&resource}, {}, {}}; }

  /// Makes the fake host hold `facts`, then reads and diffs.
  std::vector<Change> Plan(const Facts& facts) {
    for (const Fact& f : facts) {
      if (f.kind == "file") {
        transport.files()[f.key] = f.data;
        continue;
      }
      std::string server = f.key.substr(f.key.rfind(' ') + 1);
      std::string url =
          server == "@frontend" ? "http://127.0.0.1:18080/health" : "http://" + server + "/health";
      transport.On(url, CommandResult{f.rc, Probed(f.data), ""});
    }
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(transport, ctx));
  }
};

Facts Healthy(const std::string& blue = "200 blue", const std::string& green = "200 green") {
  return Record("health", "0 blue 127.0.0.1:18081", 0, blue) +
         Record("health", "0 green 127.0.0.1:18082", 0, green) +
         Record("health", "0 @frontend", 0, "200 blue");
}

}  // namespace

TEST_CASE("bluegreen: slot servers are host:port") {
  Resource r = Storefront();
  r.fields["slots"]["blue"] = {Server("127.0.0.1")};
  CHECK_THROWS_WITH(bluegreen::Service::From(r),
                    Catch::Contains("slot blue: '127.0.0.1' is not host:port"));
  r.fields["slots"]["blue"] = {Server("unix:/run/app.sock")};
  CHECK_THROWS(bluegreen::Service::From(r));
  r.fields["slots"]["blue"] = {Server("[::1]:8080")};
  CHECK(bluegreen::Service::From(r).slots.at("blue")[0].address == "[::1]:8080");
}

TEST_CASE("bluegreen: a switch drains the servers the live upstream no longer holds") {
  Resource r = Storefront("green");
  r.fields["slots"]["green"].push_back(Server("127.0.0.1:18081"));
  r.fields["slots"]["green"].push_back(Server("127.0.0.1:18083"));
  r.fields["slots"]["green"][2]["drain"] = true;
  r.fields["slots"]["blue"].push_back(Server("127.0.0.1:18084"));
  bluegreen::Service s = bluegreen::Service::From(r);
  CHECK(bluegreen::ToDrain(s, "blue") ==
        std::vector<std::string>{"127.0.0.1:18084", "127.0.0.1:18083"});
  CHECK(bluegreen::ToDrain(s, "green") == std::vector<std::string>{"127.0.0.1:18083"});
  CHECK(bluegreen::ToDrain(s, "") == std::vector<std::string>{"127.0.0.1:18083"});
}

TEST_CASE("bluegreen: the managed file holds the live upstream and one per slot") {
  std::string conf = bluegreen::RenderConf(bluegreen::Service::From(Storefront()));
  auto owned = kit::ReadOwned(kPath, conf, kit::Comment::kHash);
  REQUIRE(owned);
  CHECK(owned->intact);
  CHECK(owned->Record("active") == "blue");
  CHECK(conf.find("upstream storefront {\n    server 127.0.0.1:18081 max_fails=1 "
                  "fail_timeout=10s;\n}\n") != std::string::npos);
  CHECK(conf.find("upstream storefront-green {\n    server 127.0.0.1:18082 "
                  "weight=2 max_fails=1 fail_timeout=10s backup;\n}\n") != std::string::npos);
}

TEST_CASE("bluegreen: the read is one command; a switch shows both slots' health") {
  Fixture f;
  f.resource = Storefront("blue");
  std::string blue_conf = bluegreen::RenderConf(bluegreen::Service::From(f.resource));
  f.resource = Storefront("green");
  auto changes = f.Plan(Record("file", kPath, 0, blue_conf) + Healthy());
  CHECK(f.transport.commands().size() == 1);
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kSpecChanged);
  REQUIRE(c.fields.size() == 1);
  CHECK(c.fields[0].field == "active");
  CHECK(c.fields[0].before == "blue");
  CHECK(c.fields[0].after == "green");
  CHECK(c.actions[0].summary == "switch storefront: blue → green");
  CHECK(c.reasons ==
        std::vector<std::string>{"slot blue (live): 127.0.0.1:18081 healthy (200 blue)",
                                 "slot green (target): 127.0.0.1:18082 healthy (200 green)"});
  CHECK(c.problems.empty());
}

TEST_CASE(
    "bluegreen: an unhealthy live slot is a problem; switching to an "
    "unhealthy slot is refused") {
  Fixture f;
  std::string blue_conf = bluegreen::RenderConf(bluegreen::Service::From(f.resource));
  auto changes = f.Plan(Record("file", kPath, 0, blue_conf) + Healthy("503 blue down", "000 "));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].problems ==
        std::vector<std::string>{"the live slot blue fails its health checks: 127.0.0.1:18081 "
                                 "UNHEALTHY (http://127.0.0.1:18081/health: answered 503, "
                                 "expected 200 (1 sample))"});
  f.resource = Storefront("green");
  changes = f.Plan(Record("file", kPath, 0, blue_conf) + Healthy("200 blue", "000 "));
  CHECK_THROWS_WITH(f.provider->Validate(f.transport, f.Context(), changes),
                    "bluegreen.service \"storefront\" @ lb: refusing to make "
                    "slot green live: it fails "
                    "its health checks: 127.0.0.1:18082 UNHEALTHY "
                    "(http://127.0.0.1:18082/health: 1 sample failed: curl: (7) Failed to "
                    "connect to 127.0.0.1)");
}

TEST_CASE(
    "bluegreen: a file edited by hand is live drift; an unmarked file is "
    "left alone") {
  Fixture f;
  std::string conf = bluegreen::RenderConf(bluegreen::Service::From(f.resource));
  conf.replace(conf.find("server 127.0.0.1:18081 "), 23, "server 127.0.0.1:18082 ");
  auto changes = f.Plan(
      Record("file", kPath, 0, conf) +
      Record("file", "/etc/nginx/conf.d/kilter-other.conf", 0, "upstream x {}\n") + Healthy());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  CHECK(changes[0].cause == DriftCause::kLiveChanged);
}

TEST_CASE("bluegreen: a service removed from the specs is a destructive delete") {
  Fixture f;
  Resource old = Storefront();
  old.name = "checkout";
  std::string conf = bluegreen::RenderConf(bluegreen::Service::From(old));
  auto changes =
      f.Plan(Record("file", "/etc/nginx/conf.d/kilter-checkout.conf", 0, conf) + Healthy());
  REQUIRE(changes.size() == 2);
  CHECK(changes[1].kind == ChangeKind::kDelete);
  CHECK(changes[1].name == "checkout");
  CHECK(changes[1].destructive);
}
