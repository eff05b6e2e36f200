#include "reconciler/providers/kit/checked_by.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "reconciler/providers/applied_reports.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"

namespace kilter::reconciler::kit {

namespace {

using nlohmann::json;

const std::string kConf = "/etc/nginx/conf.d/kilter-upstream-shop.conf";

catalog::Resource Check(const std::string& name, json fields) {
  catalog::Resource r;
  r.type = "health.check";
  r.name = name;
  r.host = "lb1";
  r.fields = {{"http", nullptr},      {"tcp", nullptr},           {"tls", nullptr},
              {"samples", 3},         {"timeout", 2000},          {"max_latency", nullptr},
              {"max_worst", nullptr}, {"expect_status", nullptr}, {"expect_body", nullptr},
              {"headers", nullptr},   {"server_name", nullptr},   {"ca_file", nullptr}};
  for (const auto& [k, v] : fields.items()) r.fields[k] = v;
  return r;
}

/// curl's answer to three samples, each taking `ms`, with `status`.
CommandResult Curl(double ms, int status) {
  std::string out;
  for (int i = 0; i < 3; ++i) out += fmt::format("sample 0 {} {:.6f} \n", status, ms / 1000);
  return {0, out + "body\nok\n", ""};
}

struct Fixture {
  catalog::Host host{"lb1", "127.0.0.1", "", 22, "local", "",
                     json{{"health.check", testing::DefaultSettings("health.check")}}};
  catalog::Resource api = Check("shop-api", {{"http", "http://127.0.0.1/api"}, {"max_latency", 100}});
  catalog::Resource upstream;
  std::vector<std::string> said;
  testing::FakeTransport t{"lb1"};

  Fixture() {
    upstream.type = "nginx.upstream";
    upstream.name = "shop";
    upstream.host = "lb1";
    upstream.fields = {{"checked_by", {"shop-api"}}};
    t.files()[kConf] = "new";
    t.On("-s reload", CommandResult{0, "", ""});
  }

  ProviderContext Context() {
    ProviderContext ctx{host, json::object(), {&upstream}, {}, nullptr};
    ctx.host_resources = {&api, &upstream};
    return ctx;
  }

  void Apply() {
    AppliedReports reports(said);
    ProviderContext ctx = Context();
    CheckAfterNginxApply(t, ctx, "nginx", "nginx.upstream \"shop\" @ lb1", {{kConf, "new", "old"}},
                         CheckedBy(ctx, upstream),
                         "the previous files were restored and nginx serves them");
  }
};

}  // namespace

TEST_CASE("kit: checked_by names health checks declared on the host", "[kit][health]") {
  Fixture f;
  std::vector<HealthCheck> checks = CheckedBy(f.Context(), f.upstream);
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].name == "shop-api");
  CHECK(checks[0].max_latency_ms == 100);
  Action a = CheckedByAction(checks, "put the previous file back and reload");
  CHECK(a.summary ==
        "then run health.check \"shop-api\"; if one fails, put the previous file back and reload");
  CHECK(a.detail == "health.check \"shop-api\": http://127.0.0.1/api\n");

  f.upstream.fields["checked_by"] = {"shop-apii"};
  CHECK_THROWS_WITH(CheckedBy(f.Context(), f.upstream),
                    "lb1: nginx.upstream \"shop\" @ lb1: checked_by names health.check "
                    "\"shop-apii\", which is not declared on lb1");
}

TEST_CASE("kit: checks that pass after an apply are reported with their latencies",
          "[kit][health]") {
  Fixture f;
  f.t.On("http://127.0.0.1/api", Curl(4, 200));
  f.Apply();
  CHECK(f.t.files().at(kConf) == "new");
  CHECK(f.said == std::vector<std::string>{
                      "nginx.upstream \"shop\" @ lb1: passed health.check \"shop-api\" "
                      "(http://127.0.0.1/api): median 4.0 ms, worst 4.0 ms over 3 samples"});
}

TEST_CASE("kit: a check that fails after an apply puts the previous files back",
          "[kit][health]") {
  Fixture f;
  f.t.On("http://127.0.0.1/api", Curl(3, 500));
  CHECK_THROWS_WITH(f.Apply(),
                    "nginx.upstream \"shop\" @ lb1: health.check \"shop-api\" failed after the "
                    "apply: http://127.0.0.1/api: answered 500, expected 200 (3 samples) (median "
                    "3.0 ms, worst 3.0 ms over 3 samples); the previous files were restored and "
                    "nginx serves them");
  CHECK(f.t.files().at(kConf) == "old");
  std::vector<std::string> commands = f.t.commands();
  CHECK(commands.back().find("-s reload") != std::string::npos);
  CHECK(f.said.empty());
}

TEST_CASE("kit: a check slower than its max_latency fails the apply the same way",
          "[kit][health]") {
  Fixture f;
  f.t.On("http://127.0.0.1/api", Curl(250, 200));
  CHECK_THROWS_WITH(f.Apply(), Catch::Contains("health.check \"shop-api\" failed after the apply: "
                                               "http://127.0.0.1/api is slow: median 250 ms, "
                                               "worst 250 ms over 3 samples, target 100 ms"));
  CHECK(f.t.files().at(kConf) == "old");
}

TEST_CASE("kit: a retried probe runs again until the status is the one wanted",
          "[kit][health]") {
  HealthCheck c;
  c.target = "http://127.0.0.1:8081/health";
  c.samples = 1;
  std::string script = RetriedProbeScript(c, {"curl", "openssl", "bash"}, 3, 200);
  CHECK(script.find("case \"$out\" in 'sample 0 200 '*) break ;; esac") != std::string::npos);
  CHECK(script.find("[ \"$a\" -ge 3 ] && break") != std::string::npos);
  CHECK(script.find("sleep 0.200") != std::string::npos);
}

}  // namespace kilter::reconciler::kit
