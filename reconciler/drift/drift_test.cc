#include "reconciler/drift/drift.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

namespace {

Plan Drifted() {
  Plan plan;
  HostPlan h;
  h.host = "web1";
  Change a;
  a.type = "file";
  a.name = "a";
  a.host = "web1";
  a.kind = ChangeKind::kUpdate;
  a.notifies = {"reload"};
  Change b = a;
  b.name = "b";
  b.notifies.clear();
  h.changes = {a, b};
  h.handlers = {{"reload", "reload it", {a.Address()}, "", ""}};
  plan.hosts = {h};
  return plan;
}

}  // namespace

TEST_CASE("drift: a valid suppression hides its address's drift but lists it", "[drift]") {
  Plan plan = Drifted();
  plan.catalog.suppressions = {{"file \"a\" @ web1", "vendor hotfix", "2024-06-30"}};
  ApplySuppressions(plan, "2024-06-30");
  REQUIRE(plan.suppressed.size() == 1);
  CHECK(plan.suppressed[0].change.name == "a");
  CHECK(plan.suppressed[0].reason == "vendor hotfix");
  CHECK(plan.hosts[0].changes.size() == 1);
  CHECK(plan.hosts[0].handlers.empty());
  CHECK(ExitCode(plan) == 2);  // b still drifts
  plan.catalog.suppressions.push_back({"file \"b\" @ web1", "known", "2099-01-01"});
  Plan all = Drifted();
  all.catalog.suppressions = plan.catalog.suppressions;
  ApplySuppressions(all, "2024-06-30");
  CHECK(ExitCode(all) == 0);
  CHECK(Summarize(all).DriftLine("Drift") ==
        "Drift: 0 missing, 0 differing, 0 no longer declared. 2 suppressed.");
  CHECK(Summarize(plan).DriftLine("Drift") ==
        "Drift: 0 missing, 1 differing, 0 no longer declared. 1 suppressed.");
}

TEST_CASE("drift: an expired suppression hides nothing and counts as drift", "[drift]") {
  Plan plan = Drifted();
  plan.hosts[0].changes.clear();
  plan.hosts[0].handlers.clear();
  plan.catalog.suppressions = {{"file \"a\" @ web1", "vendor hotfix", "2024-06-29"}};
  ApplySuppressions(plan, "2024-06-30");
  CHECK(plan.suppressed.empty());
  REQUIRE(plan.expired_suppressions.size() == 1);
  CHECK(ExitCode(plan) == 2);
}

TEST_CASE("drift: problems count as drift, not as plan changes", "[drift]") {
  Plan plan;
  HostPlan h;
  h.host = "db1";
  Change c;
  c.type = "backup.policy";
  c.name = "nightly";
  c.host = "db1";
  c.problems = {"the newest snapshot is 3 days old"};
  h.changes = {c};
  plan.hosts = {h};
  CHECK(ExitCode(plan) == 0);
  ApplySuppressions(plan, "2024-06-30");
  CHECK(ExitCode(plan) == 2);
}

}  // namespace kilter::reconciler
