#include "reconciler/providers/nginx_upstream/nginx_upstream_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/nginx_upstream/upstream.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using kilter::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string kPath = "/etc/nginx/conf.d/kilter-upstream-shop.conf";

json ServerJson(const std::string& address, int weight, bool drain = false) {
  return {{"address", address}, {"weight", weight}, {"max_fails", 2}, {"fail_timeout", 10000},
          {"backup", false},    {"drain", drain}};
}

Resource Shop(bool drain_second = false) {
  Resource r;
  r.type = "nginx.upstream";
  r.name = "shop";
  r.host = "lb";
  r.fields = {{"servers",
               {ServerJson("10.0.0.11:8080", 3), ServerJson("10.0.0.12:8080", 1, drain_second)}},
              {"balance", "least_conn"},
              {"keepalive", 32},
              {"drain_timeout", 5000}};
  return r;
}

struct Fixture {
  Host host{"lb", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = nginx_upstream::MakeNginxUpstreamProvider();
  Resource resource = Shop();
  FakeTransport transport{"lb"};

  ProviderContext Context() {
    return {host, kilter::testing::DefaultSettings(provider->name()), {&resource}, {}, {}};
  }
  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(transport, ctx));
  }
  void Apply(const std::vector<Change>& changes) {
    ProviderContext ctx = Context();
    std::vector<Change> todo;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) todo.push_back(c);
    }
    provider->Apply(transport, ctx, todo);
  }
};

}  // namespace

TEST_CASE("nginx.upstream: renders the pool as nginx writes it", "[nginx_upstream]") {
  Resource r = Shop(true);
  r.fields["servers"][1]["fail_timeout"] = 1500;
  std::string conf = nginx_upstream::RenderConf(nginx_upstream::Upstream::From(r));
  CHECK(conf.find("upstream shop {\n"
                  "    least_conn;\n"
                  "    server 10.0.0.11:8080 weight=3 max_fails=2 fail_timeout=10s;\n"
                  "    server 10.0.0.12:8080 max_fails=2 fail_timeout=1500ms down;\n"
                  "    keepalive 32;\n"
                  "}\n") != std::string::npos);
  CHECK(conf.rfind("# Managed by kilter: nginx.upstream \"shop\" @ lb.", 0) == 0);
  r.name = "bad name";
  CHECK_THROWS_WITH(nginx_upstream::Upstream::From(r), Catch::Contains("may hold only letters"));
}

TEST_CASE("nginx.upstream: one read, create, apply through the kit, then nothing",
          "[nginx_upstream]") {
  Fixture f;
  f.transport.On("nginx -t", CommandResult{0, "", ""});
  f.transport.On("-s reload", CommandResult{0, "", ""});
  std::vector<Change> plan = f.Plan();
  CHECK(f.transport.commands().size() == 1);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  REQUIRE(plan[0].actions.size() == 2);
  CHECK(plan[0].actions[0].summary == "write " + kPath);
  f.transport.ClearLog();
  f.Apply(plan);
  std::vector<std::string> commands = f.transport.commands();
  REQUIRE(commands.size() == 2);
  CHECK(commands[0] == "nginx -t");
  CHECK(commands[1].find("-s reload") != std::string::npos);
  CHECK(f.Plan()[0].kind == ChangeKind::kNothing);
}

TEST_CASE("nginx.upstream: draining marks down, waits, and says what it waits for",
          "[nginx_upstream]") {
  Fixture f;
  f.transport.On("nginx -t", CommandResult{0, "", ""});
  f.transport.On("-s reload", CommandResult{0, "", ""});
  f.Apply(f.Plan());
  f.resource = Shop(true);
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].actions.back().summary ==
        "drain 10.0.0.12:8080: wait until nginx holds no connection to it (at most 5s)");
  f.transport.On("state established", CommandResult{0, "0\n", ""});
  f.transport.ClearLog();
  f.Apply(plan);
  CHECK(f.transport.files().at(kPath).find("10.0.0.12:8080 max_fails=2 fail_timeout=10s down;") !=
        std::string::npos);
  std::vector<std::string> commands = f.transport.commands();
  REQUIRE(commands.size() == 3);
  CHECK(commands[2].find("state established dst \"$A\"") != std::string::npos);
  CHECK(commands[2].find("10.0.0.12:8080") != std::string::npos);
  CHECK(commands[2].find("T=5000") != std::string::npos);

  std::vector<Change> after = f.Plan();
  CHECK(after[0].kind == ChangeKind::kNothing);
  CHECK(after[0].reasons ==
        std::vector<std::string>{
            "10.0.0.12:8080 is drained: marked down, no established connection to it"});

  f.transport.On("state established", CommandResult{1, "3\n", ""});
  CHECK_THROWS_WITH(f.Apply(plan), "nginx.upstream \"shop\" @ lb: 10.0.0.12:8080 is marked down, "
                                   "but 3 connection(s) to it are still open after "
                                   "drain_timeout 5s");
}

TEST_CASE("nginx.upstream: a reload nginx refuses restores the previous file",
          "[nginx_upstream]") {
  Fixture f;
  f.transport.On("nginx -t", CommandResult{0, "", ""});
  f.transport.On("-s reload", CommandResult{0, "", ""});
  f.Apply(f.Plan());
  std::string before = f.transport.files().at(kPath);
  f.resource.fields["keepalive"] = 8;
  int reloads = 0;
  f.transport.On("-s reload", [&](const Command&) {
    return ++reloads == 1 ? CommandResult{5, "nginx refused the reload: [emerg] bind() failed\n", ""}
                          : CommandResult{0, "", ""};
  });
  CHECK_THROWS_WITH(f.Apply(f.Plan()),
                    "nginx.upstream \"shop\" @ lb: the reload did not take effect: nginx refused "
                    "the reload: [emerg] bind() failed; the previous files were restored and "
                    "nginx serves them");
  CHECK(f.transport.files().at(kPath) == before);
  CHECK(reloads == 2);
}

TEST_CASE("nginx.upstream: an undeclared upstream file is deleted; others are left alone",
          "[nginx_upstream]") {
  Fixture f;
  f.transport.On("nginx -t", CommandResult{0, "", ""});
  f.transport.On("-s reload", CommandResult{0, "", ""});
  f.Apply(f.Plan());
  f.transport.files()["/etc/nginx/conf.d/kilter-upstream-x.conf"] = "upstream x {}\n";
  f.resource.name = "other";
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan.size() == 2);
  CHECK(plan[1].kind == ChangeKind::kDelete);
  CHECK(plan[1].name == "shop");
  f.Apply(plan);
  CHECK(f.transport.files().count(kPath) == 0);
  CHECK(f.transport.files().count("/etc/nginx/conf.d/kilter-upstream-x.conf") == 1);
}
