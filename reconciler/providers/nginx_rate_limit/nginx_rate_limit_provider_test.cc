#include "reconciler/providers/nginx_rate_limit/nginx_rate_limit_provider.h"

#include <catch2/catch.hpp>

#include "support/default_settings.h"
#include "support/fake_transport.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using kilter::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string kZones = "/etc/nginx/conf.d/kilter-rate-limit-api.conf";
const std::string kSnippet = "/etc/nginx/snippets/kilter-rate-limit-api.conf";

std::string Dump(const std::string& api_block) {
  return "# configuration file /etc/nginx/nginx.conf:\n"
         "http { include /etc/nginx/conf.d/*.conf; server { location /api/ { " +
         api_block + " proxy_pass http://b; } location / { } } }\n";
}

struct Fixture {
  Host host{"lb", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = nginx_rate_limit::MakeNginxRateLimitProvider();
  Resource resource;
  FakeTransport transport{"lb"};

  Fixture() {
    resource.type = "nginx.rate_limit";
    resource.name = "api";
    resource.host = "lb";
    resource.fields = {{"zone_key", "$binary_remote_addr"},
                       {"rate", "5r/s"},
                       {"burst", 0},
                       {"nodelay", false},
                       {"status", 429},
                       {"locations", {"/api/"}},
                       {"connections", 0},
                       {"zone_size", 10 << 20},
                       {"allow", {"127.0.0.2/32"}}};
    transport.On("nginx -t", CommandResult{0, "", ""});
    transport.On("-s reload", CommandResult{0, "", ""});
    transport.On("nginx -T", CommandResult{0, Dump(""), ""});
  }
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

TEST_CASE("nginx.rate_limit: one read, both files through one nginx apply, then nothing",
          "[nginx_rate_limit]") {
  Fixture f;
  std::vector<Change> plan = f.Plan();
  CHECK(f.transport.commands().size() == 1);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  REQUIRE(plan[0].actions.size() == 3);
  CHECK(plan[0].actions[0].summary == "write " + kZones);
  CHECK(plan[0].actions[1].summary == "write " + kSnippet);
  CHECK(plan[0].problems ==
        std::vector<std::string>{"`location /api/` in /etc/nginx/nginx.conf does not include " +
                                 kSnippet + ": nginx does not limit it; add `include " + kSnippet +
                                 ";` inside the block"});
  f.transport.ClearLog();
  f.Apply(plan);
  std::vector<std::string> commands = f.transport.commands();
  REQUIRE(commands.size() == 2);
  CHECK(commands[0] == "nginx -t");
  CHECK(f.transport.files().at(kSnippet).find("limit_req zone=kilter_rl_api;\n") !=
        std::string::npos);

  f.transport.On("nginx -T",
                 CommandResult{0, Dump("include snippets/kilter-rate-limit-api.conf;"), ""});
  std::vector<Change> after = f.Plan();
  CHECK(after[0].kind == ChangeKind::kNothing);
  CHECK(after[0].problems.empty());
}

TEST_CASE("nginx.rate_limit: a hand edit of the snippet is drift; removal deletes both files",
          "[nginx_rate_limit]") {
  Fixture f;
  f.Apply(f.Plan());
  f.transport.files()[kSnippet] += "limit_req_dry_run on;\n";
  std::vector<Change> plan = f.Plan();
  CHECK(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].cause == DriftCause::kLiveChanged);
  REQUIRE(plan[0].actions.size() == 2);
  CHECK(plan[0].actions[0].summary == "write " + kSnippet);
  f.Apply(plan);
  f.resource.name = "other";
  plan = f.Plan();
  REQUIRE(plan.size() == 2);
  CHECK(plan[1].kind == ChangeKind::kDelete);
  CHECK(plan[1].name == "api");
  f.Apply(plan);
  CHECK(f.transport.files().count(kZones) == 0);
  CHECK(f.transport.files().count(kSnippet) == 0);
}

TEST_CASE("nginx.rate_limit: nginx -T failing is a problem in nginx's words",
          "[nginx_rate_limit]") {
  Fixture f;
  f.transport.On("nginx -T", CommandResult{1, "", "nginx: [emerg] open() \"/x\" failed\n"});
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan[0].problems.size() == 1);
  CHECK(plan[0].problems[0].find("nginx -T failed") != std::string::npos);
  CHECK(plan[0].problems[0].find("open() \"/x\" failed") != std::string::npos);
}

TEST_CASE("nginx.rate_limit: a health check named in checked_by that fails puts the files back",
          "[nginx_rate_limit][health]") {
  Fixture f;
  f.host.providers = {{"health.check", kilter::testing::DefaultSettings("health.check")}};
  Resource api;
  api.type = "health.check";
  api.name = "shop-api";
  api.host = "lb";
  api.fields = {{"http", "http://127.0.0.1/api/ping"}, {"tcp", nullptr},
                {"tls", nullptr},                      {"samples", 3},
                {"timeout", 2000},                     {"max_latency", nullptr},
                {"max_worst", nullptr},                {"expect_status", nullptr},
                {"expect_body", nullptr},              {"headers", nullptr},
                {"server_name", nullptr},              {"ca_file", nullptr}};
  f.resource.fields["checked_by"] = {"shop-api"};
  ProviderContext ctx = f.Context();
  ctx.host_resources = {&f.resource, &api};
  std::vector<Change> plan = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  REQUIRE(plan.size() == 1);
  bool listed = false;
  for (const Action& a : plan[0].actions) {
    listed = listed || a.summary.find("health.check \"shop-api\"") != std::string::npos;
  }
  CHECK(listed);

  // The limit is too tight for the API's own traffic: its check gets 429.
  f.transport.On("http://127.0.0.1/api/ping",
                 CommandResult{0, "sample 0 429 0.003\nsample 0 429 0.003\nsample 0 429 0.003\n",
                               ""});
  CHECK_THROWS_WITH(f.provider->Apply(f.transport, ctx, plan),
                    Catch::Contains("health.check \"shop-api\" failed after the apply") &&
                        Catch::Contains("answered 429, expected 200") &&
                        Catch::Contains("previous files"));
  CHECK(f.transport.files().count(kZones) == 0);
  CHECK(f.transport.files().count(kSnippet) == 0);
  CHECK(f.transport.commands().back().find("-s reload") != std::string::npos);
}
