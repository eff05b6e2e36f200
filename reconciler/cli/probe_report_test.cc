#include "reconciler/cli/probe_report.h"

#include <catch2/catch.hpp>

#include "support/golden.h"

namespace kilter::cli {

namespace {

using nlohmann::json;

reconciler::Change Check(const std::string& name, const std::string& host,
                         std::vector<std::string> problems, const std::string& latency) {
  reconciler::Change c;
  c.type = "health.check";
  c.name = name;
  c.host = host;
  c.problems = std::move(problems);
  c.live = {{"target", "http://127.0.0.1:8080/health"},
            {"latency", latency},
            {"median_ms", 3.0},
            {"worst_ms", 4.0}};
  c.source = catalog::SourceLocation{"specs/health.kilt", 4, 1};
  return c;
}

reconciler::Plan Probed() {
  reconciler::Plan plan;
  plan.kind = "drift";
  plan.created = "2026-12-07T12:00:00Z";
  plan.hosts = {
      {"web1",
       {Check("shop", "web1", {}, "median 3.0 ms, worst 4.0 ms over 5 samples"),
        Check("checkout", "web1",
              {"http://127.0.0.1:8081/checkout is slow: median 203 ms, worst 210 ms over 5 "
               "samples, target 100 ms"},
              "median 203 ms, worst 210 ms over 5 samples")},
       {},
       {}},
      {"web2", {}, {}, {"web2: cannot connect: Connection refused"}}};
  return plan;
}

}  // namespace

TEST_CASE("probe: every check with its latencies, failing ones with problems (golden)", "[probe]") {
  testing::CheckPlanGolden("probe.txt", RenderProbeText(Probed()));
}

TEST_CASE("probe: exit 0 healthy, 2 failing, 1 on errors", "[probe]") {
  reconciler::Plan plan = Probed();
  CHECK(ProbeExitCode(plan) == 1);
  plan.hosts.pop_back();
  CHECK(ProbeExitCode(plan) == 2);
  plan.hosts[0].changes.pop_back();
  CHECK(ProbeExitCode(plan) == 0);
  CHECK(RenderProbeText(reconciler::Plan{}) == "No health checks.\n");
}

TEST_CASE("probe: the JSON report lists checks, errors and counts", "[probe]") {
  json report = ProbeJson(Probed());
  CHECK(report["kind"] == "probe");
  REQUIRE(report["checks"].size() == 2);
  CHECK(report["checks"][0]["address"] == "health.check \"shop\" @ web1");
  CHECK(report["checks"][0]["healthy"] == true);
  CHECK(report["checks"][0]["median_ms"] == 3.0);
  CHECK(report["checks"][0]["source"] == "specs/health.kilt:4:1");
  CHECK(report["checks"][1]["healthy"] == false);
  CHECK(report["checks"][1]["problems"].size() == 1);
  CHECK(report["errors"] == json::array({"web2: cannot connect: Connection refused"}));
  CHECK(report["summary"] == json{{"healthy", 1}, {"failing", 1}, {"errors", 1}});
}

}  // namespace kilter::cli
