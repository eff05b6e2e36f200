#include <catch2/catch.hpp>

#include "reconciler/plan/render.h"
#include "support/golden.h"

namespace kilter::reconciler {

namespace {

Change Make(const std::string& type, const std::string& name, const std::string& host,
            ChangeKind kind) {
  Change c;
  c.type = type;
  c.name = name;
  c.host = host;
  c.kind = kind;
  return c;
}

/// A drift report of three hosts: web1 drifted (one update, one problem, one
/// suppressed change), db1 in sync with a backup measured and an apply
/// recorded, web2 not read.
Plan Sample() {
  Plan plan;
  plan.kind = "drift";
  plan.created = "2026-12-07T03:00:00Z";
  plan.duration_seconds = 12.5;
  HostPlan web1;
  web1.host = "web1";
  web1.changes.push_back(Make("php.opcache", "storefront", "web1", ChangeKind::kUpdate));
  web1.changes.push_back(Make("file", "motd", "web1", ChangeKind::kNothing));
  Change stale = Make("backup.policy", "nightly", "web1", ChangeKind::kNothing);
  stale.problems = {"the newest snapshot is 3d 4h old"};
  stale.measures = {{"backup_age_seconds", 273600}};
  web1.changes.push_back(stale);
  web1.last_apply = "2026-12-06T22:15:30Z";
  web1.handlers = {{"php-fpm", "systemctl reload php8.2-fpm", {}, "2026-12-06T22:15:00Z", "r1"},
                   {"nginx", "nginx -s reload", {"file \"x\" @ web1"}, "", ""}};
  HostPlan db1;
  db1.host = "db1";
  Change backup = Make("backup.policy", "db \"main\"\\\nnightly", "db1", ChangeKind::kNothing);
  backup.measures = {{"backup_age_seconds", 3600}};
  db1.changes.push_back(backup);
  HostPlan web2;
  web2.host = "web2";
  web2.errors = {"web2: connecting: connection refused"};
  plan.hosts = {web1, db1, web2};
  plan.suppressed.push_back(
      {Make("file", "banner", "web1", ChangeKind::kUpdate), "vendor edits it", "2027-01-01"});
  plan.expired_suppressions.push_back({"file \"x\" @ db1", "old", "2026-01-01"});
  return plan;
}

}  // namespace

TEST_CASE("prometheus: a drift report as metrics (golden)") {
  testing::CheckPlanGolden("drift.prom", RenderPrometheus(Sample()));
}

TEST_CASE("prometheus: label values escape backslash, quote and newline") {
  std::string out = RenderPrometheus(Sample());
  CHECK(out.find("kilter_resource_in_sync{host=\"db1\",type=\"backup.policy\","
                 "name=\"db \\\"main\\\"\\\\\\nnightly\"} 1\n") != std::string::npos);
}

TEST_CASE("prometheus: every metric has one HELP and one TYPE gauge") {
  std::string out = RenderPrometheus(Sample());
  for (const char* name :
       {"kilter_run_timestamp_seconds", "kilter_run_duration_seconds", "kilter_host_reachable",
        "kilter_host_drift", "kilter_host_suppressed_drift", "kilter_host_pending_handlers",
        "kilter_host_last_apply_timestamp_seconds", "kilter_expired_suppressions",
        "kilter_resource_in_sync", "kilter_resource_backup_age_seconds"}) {
    INFO(name);
    std::string type = std::string("# TYPE ") + name + " gauge\n";
    size_t at = out.find(type);
    REQUIRE(at != std::string::npos);
    CHECK(out.find(type, at + 1) == std::string::npos);
    CHECK(out.find(std::string("# HELP ") + name + " ") != std::string::npos);
  }
}

TEST_CASE(
    "prometheus: per host drift, reachability, suppressed drift and last "
    "apply") {
  std::string out = RenderPrometheus(Sample());
  CHECK(out.find("kilter_host_drift{host=\"web1\"} 2\n") != std::string::npos);
  CHECK(out.find("kilter_host_drift{host=\"db1\"} 0\n") != std::string::npos);
  CHECK(out.find("kilter_host_reachable{host=\"web1\"} 1\n") != std::string::npos);
  CHECK(out.find("kilter_host_reachable{host=\"web2\"} 0\n") != std::string::npos);
  // No drift count for a host that was not read: not a made-up 0.
  CHECK(out.find("kilter_host_drift{host=\"web2\"}") == std::string::npos);
  CHECK(out.find("kilter_host_suppressed_drift{host=\"web1\"} 1\n") != std::string::npos);
  // Only the handler an earlier run left pending, not the one this plan notifies.
  CHECK(out.find("kilter_host_pending_handlers{host=\"web1\"} 1\n") != std::string::npos);
  CHECK(out.find("kilter_host_last_apply_timestamp_seconds{host=\"web1\"} "
                 "1796595330\n") != std::string::npos);
  // No apply recorded on db1, and web2 was not read: no made-up time.
  CHECK(out.find("kilter_host_last_apply_timestamp_seconds{host=\"db1\"}") == std::string::npos);
  CHECK(out.find("kilter_expired_suppressions 1\n") != std::string::npos);
}

TEST_CASE(
    "prometheus: resources in sync, with their measures; an unread host "
    "has none") {
  std::string out = RenderPrometheus(Sample());
  CHECK(out.find("kilter_resource_in_sync{host=\"web1\",type=\"php.opcache\","
                 "name=\"storefront\"} 0\n") != std::string::npos);
  CHECK(out.find("kilter_resource_in_sync{host=\"web1\",type=\"file\",name="
                 "\"motd\"} 1\n") != std::string::npos);
  // A problem apply cannot fix is not in sync either.
  CHECK(out.find("kilter_resource_in_sync{host=\"web1\",type=\"backup.policy\","
                 "name=\"nightly\"} 0\n") != std::string::npos);
  CHECK(out.find("kilter_resource_backup_age_seconds{host=\"web1\",type="
                 "\"backup.policy\","
                 "name=\"nightly\"} 273600\n") != std::string::npos);
  CHECK(out.find("{host=\"web2\",type=") == std::string::npos);
}

TEST_CASE(
    "prometheus: the run's time and duration, the duration only when "
    "recorded") {
  Plan plan = Sample();
  std::string out = RenderPrometheus(plan);
  CHECK(out.find("kilter_run_timestamp_seconds 1796612400\n") != std::string::npos);
  CHECK(out.find("kilter_run_duration_seconds 12.5\n") != std::string::npos);
  plan.duration_seconds.reset();
  CHECK(RenderPrometheus(plan).find("kilter_run_duration_seconds") == std::string::npos);
}

}  // namespace kilter::reconciler
