#include <catch2/catch.hpp>

#include "reconciler/plan/redact.h"
#include "reconciler/report/run_log.h"

namespace kilter::reconciler {

namespace {

Change Make(const std::string& type, const std::string& name, ChangeKind kind) {
  Change c;
  c.type = type;
  c.name = name;
  c.host = "web1";
  c.kind = kind;
  return c;
}

/// A drift report of web1 (a password and a motd drifted, a health check
/// measured and failing, a file in sync) and web2, not reachable.
Plan Sample() {
  Plan plan;
  plan.kind = "drift";
  plan.created = "2026-12-07T03:00:00Z";
  HostPlan web1;
  web1.host = "web1";
  web1.last_apply = "2026-12-06T22:15:30Z";
  Change user = Make("mysql.user", "shop", ChangeKind::kUpdate);
  user.fields.push_back({"password", "hunter2-old", "s3cret-new-value"});
  user.fields.push_back({"host", "%", "10.0.0.%"});
  user.desired = {{"password", "s3cret-new-value"}};
  user.reasons = {"password s3cret-new-value differs"};
  Redact(user, {"password"});
  user.cause = DriftCause::kLiveChanged;
  Change motd = Make("file", "motd", ChangeKind::kCreate);
  motd.fields.push_back({"content", nullptr, "Welcome\n"});
  Change check = Make("health.check", "api", ChangeKind::kNothing);
  check.problems = {"http://127.0.0.1/health is slow"};
  check.measures = {{"latency_median_seconds", 0.14}, {"latency_target_seconds", 0.1}};
  web1.changes = {user, motd, check, Make("file", "banner", ChangeKind::kNothing)};
  HostPlan web2;
  web2.host = "web2";
  web2.errors = {"web2: connecting: connection refused"};
  plan.hosts = {web1, web2};
  return plan;
}

}  // namespace

TEST_CASE("a run log line holds every host and resource with its status") {
  nlohmann::json line = RunLogLine(Sample(), {"drift", "2026-12-07T03:00:00Z", 12.5, 2});
  CHECK(line["log"] == 1);
  CHECK(line["time"] == "2026-12-07T03:00:00Z");
  CHECK(line["command"] == "drift");
  CHECK(line["duration_seconds"] == 12.5);
  CHECK(line["exit_status"] == 2);
  CHECK_FALSE(line.contains("shard"));
  const nlohmann::json& web1 = line["hosts"][0];
  CHECK(web1["host"] == "web1");
  CHECK(web1["reachable"] == true);
  CHECK(web1["last_apply"] == "2026-12-06T22:15:30Z");
  CHECK_FALSE(web1.contains("errors"));
  const nlohmann::json& r = web1["resources"];
  REQUIRE(r.size() == 4);
  CHECK(r[0]["address"] == "mysql.user \"shop\" @ web1");
  CHECK(r[0]["status"] == "drifted");
  CHECK(r[0]["kind"] == "update");
  CHECK(r[0]["cause"] == "live-changed");
  CHECK(r[0]["diff"] ==
        nlohmann::json({"password: (sensitive) → (sensitive)", "host: \"%\" → \"10.0.0.%\""}));
  CHECK(r[1]["diff"] == nlohmann::json({"content = \"Welcome\\n\""}));
  CHECK(r[2]["status"] == "failed");
  CHECK(r[2]["problems"][0] == "http://127.0.0.1/health is slow");
  CHECK(r[2]["measures"]["latency_median_seconds"] == 0.14);
  CHECK(r[3] == nlohmann::json({{"address", "file \"banner\" @ web1"},
                                {"type", "file"},
                                {"name", "banner"},
                                {"status", "in_sync"}}));
  const nlohmann::json& web2 = line["hosts"][1];
  CHECK(web2["reachable"] == false);
  CHECK(web2["errors"][0] == "web2: connecting: connection refused");
  CHECK(web2["resources"].empty());
}

TEST_CASE("a run log line never holds a sensitive value") {
  std::string text = RunLogLine(Sample(), {"plan", "2026-12-07T03:00:00Z", 1, 2}).dump();
  CHECK(text.find("s3cret") == std::string::npos);
  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find("(sensitive)") != std::string::npos);
}

TEST_CASE("an apply line: changed where it converged, failed where it did not") {
  Plan plan = Sample();
  plan.hosts[1].errors.clear();
  plan.hosts[1].changes = {Make("file", "motd", ChangeKind::kUpdate)};
  plan.hosts[1].changes[0].host = "web2";
  nlohmann::json line = RunLogLine(plan, {"apply", "2026-12-07T04:00:00Z", 3, 1},
                                   {{"web2", {"web2: file \"motd\": permission denied"}}});
  CHECK(line["hosts"][0]["resources"][1]["status"] == "changed");
  CHECK(line["hosts"][0]["last_apply"] == "2026-12-07T04:00:00Z");
  CHECK(line["hosts"][1]["resources"][0]["status"] == "failed");
  CHECK(line["hosts"][1]["errors"][0] == "web2: file \"motd\": permission denied");
  CHECK_FALSE(line["hosts"][1].contains("last_apply"));
}

TEST_CASE("a run log line names the shard it covers") {
  Plan plan = Sample();
  plan.shard = Shard{2, 3};
  CHECK(RunLogLine(plan, {"drift", plan.created, 1, 2})["shard"] == "2/3");
}

}  // namespace kilter::reconciler
