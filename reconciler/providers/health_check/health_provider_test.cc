#include "reconciler/providers/health_check/health_provider.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/render.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::health_check {

namespace {

using nlohmann::json;
using testing::FakeTransport;

catalog::Resource Resource(const std::string& name, json fields, uint32_t line) {
  catalog::Resource r;
  r.type = "health.check";
  r.name = name;
  r.host = "web1";
  r.fields = {{"http", nullptr},      {"tcp", nullptr},           {"tls", nullptr},
              {"samples", 5},         {"timeout", 2000},          {"max_latency", nullptr},
              {"max_worst", nullptr}, {"expect_status", nullptr}, {"expect_body", nullptr},
              {"headers", nullptr},   {"server_name", nullptr},   {"ca_file", nullptr}};
  for (const auto& [k, v] : fields.items()) r.fields[k] = v;
  r.source = {"specs/health.kilt", line, 1};
  return r;
}

/// curl's answer to five samples, each taking `ms`, with `status` and `body`.
CommandResult Curl(double ms, int status = 200, const std::string& body = "ok\n") {
  std::string out;
  for (int i = 0; i < 5; ++i) out += fmt::format("sample 0 {} {:.6f} \n", status, ms / 1000);
  return {0, out + "body\n" + body, ""};
}

struct Fixture {
  catalog::Host host{"web1", "127.0.0.1", "", 22, "local", "", json::object()};
  HealthProvider provider;
  catalog::Resource shop = Resource("shop",
                                    {{"http", "http://127.0.0.1:8080/health"},
                                     {"max_latency", 100},
                                     {"expect_body", "ok"},
                                     {"headers", {{"Host", "shop.example"}}}},
                                    1);
  catalog::Resource redis = Resource("redis", {{"tcp", "127.0.0.1:6379"}}, 9);

  ProviderContext Context(std::vector<const catalog::Resource*> desired) {
    return {host, testing::DefaultSettings("health.check"), std::move(desired), {}, nullptr};
  }

  std::vector<Change> Plan(FakeTransport& t) {
    ProviderContext ctx = Context({&shop, &redis});
    return provider.Diff(ctx, provider.Read(t, ctx));
  }
};

}  // namespace

TEST_CASE("health: every check of a host is probed in one batch", "[health]") {
  Fixture f;
  FakeTransport t("web1");
  t.On("http://127.0.0.1:8080/health", Curl(3));
  t.On("/dev/tcp/", CommandResult{0, "sample 0 - 0.000200 \n", ""});
  std::vector<Change> changes = f.Plan(t);
  CHECK(t.commands().size() == 1);
  std::vector<std::string> probes;
  for (const std::string& line : t.log()) {
    if (line.rfind("batch ", 0) == 0) probes.push_back(line);
  }
  REQUIRE(probes.size() == 2);
  CHECK(probes[0].find("-H 'Host: shop.example'") != std::string::npos);
  CHECK(probes[0].find("--max-time 2.000") != std::string::npos);
  CHECK(probes[1].find("timeout 2.000 bash -c") != std::string::npos);
  REQUIRE(changes.size() == 2);
  for (const Change& c : changes) {
    CHECK(c.kind == ChangeKind::kNothing);
    CHECK(c.problems.empty());
  }
  CHECK(changes[0].live["latency"] == "median 3.0 ms, worst 3.0 ms over 5 samples");
}

TEST_CASE("health: a slow check is a problem with its latencies, and no change", "[health]") {
  Fixture f;
  FakeTransport t("web1");
  t.On("http://127.0.0.1:8080/health", Curl(203));
  t.On("/dev/tcp/", CommandResult{0, "sample 0 - 0.000200 \n", ""});
  std::vector<Change> changes = f.Plan(t);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].actions.empty());
  CHECK(changes[0].problems ==
        std::vector<std::string>{"http://127.0.0.1:8080/health is slow: median 203 ms, worst "
                                 "203 ms over 5 samples, target 100 ms"});
  CHECK(changes[0].measures.size() == 4);
  // Every answer was right, only slow: the probe succeeded.
  CHECK(changes[0].measures.at("probe_success") == 1);
  CHECK(changes[0].measures.at("latency_median_seconds") == Approx(0.203));
  CHECK(changes[0].measures.at("latency_worst_seconds") == Approx(0.203));
  // max_latency, so an alert compares the median with it.
  CHECK(changes[0].measures.at("latency_target_seconds") == Approx(0.1));
  CHECK(changes[1].measures.at("latency_median_seconds") == Approx(0.0002));
  // A check without max_latency has no target.
  CHECK(changes[1].measures.count("latency_target_seconds") == 0);
}

TEST_CASE("health: the fingerprint ignores timings, so a saved plan stays fresh", "[health]") {
  Fixture f;
  FakeTransport fast("web1"), slow("web1");
  for (FakeTransport* t : {&fast, &slow}) {
    t->On("/dev/tcp/", CommandResult{0, "sample 0 - 0.000200 \n", ""});
  }
  fast.On("http://127.0.0.1:8080/health", Curl(3));
  slow.On("http://127.0.0.1:8080/health", Curl(300));
  CHECK(f.Plan(fast)[0].fingerprint == f.Plan(slow)[0].fingerprint);
}

TEST_CASE("health: a missing tool on the host is an error naming host and resource", "[health]") {
  Fixture f;
  FakeTransport t("web1");
  t.On("http://127.0.0.1:8080/health",
       CommandResult{127, "",
                     "curl (curl) is not installed on this host: http health checks run it "
                     "there\n"});
  t.On("/dev/tcp/", CommandResult{0, "sample 0 - 0.000200 \n", ""});
  CHECK_THROWS_WITH(f.Plan(t),
                    "web1: health.check \"shop\" @ web1: the probe failed (exit 127): curl "
                    "(curl) is not installed on this host: http health checks run it there");
}

TEST_CASE("health: a bad body pattern is an error naming host and resource", "[health]") {
  Fixture f;
  f.shop.fields["expect_body"] = "/(unclosed/";
  FakeTransport t("web1");
  CHECK_THROWS_WITH(f.Plan(t), Catch::StartsWith("web1: health.check \"shop\" @ web1: "
                                                 "expect_body /(unclosed/ is not a valid "
                                                 "regular expression"));
  CHECK(t.commands().empty());
}

TEST_CASE("health: failing checks as drift, rendered (golden)", "[health]") {
  Fixture f;
  FakeTransport t("web1");
  t.On("http://127.0.0.1:8080/health", Curl(203, 503, "Service Unavailable"));
  std::string refused;
  for (int i = 0; i < 5; ++i)
    refused += "sample 1 - 0 kilter-probe: connect: Connection refused\t\n";
  t.On("/dev/tcp/", CommandResult{0, refused, ""});
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"web1", f.Plan(t), {}, {}, {}}};
  // A wrong answer and a closed port: neither succeeded, whatever the latency.
  CHECK(plan.hosts[0].changes.at(0).measures.at("probe_success") == 0);
  CHECK(plan.hosts[0].changes.at(1).measures.at("probe_success") == 0);
  testing::CheckPlanGolden("health-drift.txt", RenderText(plan, {}));
}

}  // namespace kilter::reconciler::health_check
