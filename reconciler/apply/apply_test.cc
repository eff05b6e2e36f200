#include "reconciler/apply/apply.h"

#include <catch2/catch.hpp>

#include "support/fake_host.h"
#include "support/test_provider.h"

namespace kilter::reconciler {

namespace {

using testing::CommandLabels;
using testing::FakeTransport;

struct Estate {
  testing::TestWorld world;
  FakeTransport web1{"web1"}, web2{"web2"};
  catalog::Catalog catalog;
  PlanOptions plan_options;
  ApplyOptions apply_options;
  NullProgress progress;

  Estate() {
    testing::ServeTestHost(web1);
    testing::ServeTestHost(web2);
    catalog.hosts = {testing::TestHost("web1")};
    plan_options.registry = testing::TestRegistry(world);
    apply_options.registry = plan_options.registry;
    apply_options.holder = {"deploy", "ci-1", 42, "boot:1", "2024-05-01T12:00:00Z", "1234abcd"};
  }

  Plan MakePlan() {
    return reconciler::MakePlan(catalog, plan_options, Connector(), progress);
  }
  ApplyResult Apply(const Plan& plan) {
    web1.ClearLog();
    web2.ClearLog();
    return ApplyPlan(plan, apply_options, Connector(), progress);
  }
  reconciler::Connector Connector() {
    return testing::FakeConnector({{"web1", &web1}, {"web2", &web2}});
  }
};

std::string Errors(const ApplyResult& r) {
  std::string out;
  for (const HostApplyResult& h : r.hosts) {
    for (const std::string& e : h.errors) out += e + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("apply: locks, records handlers, applies one batch, runs the handler once, verifies",
          "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web1", "2")};
  e.world.live["web1"]["b"] = "old";
  ApplyResult r = e.Apply(e.MakePlan());
  INFO(Errors(r));
  CHECK(r.ExitCode() == 0);
  CHECK(CommandLabels(e.web1) ==
        std::vector<std::string>{"lock", "read-files", "test-read", "check-handlers", "heartbeat",
                                 "test-apply a b", "heartbeat", "systemctl reload test",
                                 "read-files", "test-read", "unlock"});
  // The pending handler is on the host before the change and gone after the handler.
  std::vector<std::string> log = e.web1.log();
  auto at = [&](const std::string& line) {
    return std::find(log.begin(), log.end(), line) - log.begin();
  };
  CHECK(at("write /var/lib/kilter/pending-handlers") < at("run test-apply a b"));
  CHECK(at("remove /var/lib/kilter/pending-handlers") > at("run systemctl reload test"));
  CHECK(e.web1.files().count("/var/lib/kilter/pending-handlers") == 0);
  CHECK(e.web1.files()["/var/lib/kilter/providers"] == "test\n");
  CHECK(r.hosts[0].created == 1);
  CHECK(r.hosts[0].updated == 1);
  CHECK(r.hosts[0].handlers_run == std::vector<std::string>{"reload"});
  CHECK(r.Line() ==
        "Apply complete: 1 created, 1 updated, 0 replaced, 0 deleted, 1 handler run.");

  // Apply, then plan: nothing to do; a second apply touches nothing.
  Plan again = e.MakePlan();
  CHECK(ExitCode(again) == 0);
  ApplyResult second = e.Apply(again);
  CHECK(second.hosts[0].skipped);
  CHECK(e.web1.log().empty());
}

TEST_CASE("apply: a stale plan is refused, naming what changed since", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web1", "2")};
  e.world.live["web1"] = {{"a", "0"}, {"b", "2"}};
  Plan plan = e.MakePlan();
  e.world.live["web1"]["b"] = "changed by hand";
  ApplyResult r = e.Apply(plan);
  CHECK(r.ExitCode() == 1);
  CHECK_THAT(Errors(r), Catch::Contains("web1: the plan is stale; nothing was applied") &&
                            Catch::Contains("test.thing \"b\" @ web1: changed on the host since "
                                            "the plan"));
  CHECK(CommandLabels(e.web1) ==
        std::vector<std::string>{"lock", "read-files", "test-read", "unlock"});
  CHECK(e.world.applied.empty());
}

TEST_CASE("apply: a concurrent apply is refused naming the lock holder", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  Plan plan = e.MakePlan();
  LockHolder other{"alice", "laptop", 7, "", "2024-05-01T11:00:00Z", "feedbeef"};
  e.web1.files()["/var/lib/kilter/lock"] = other.ToJson().dump();
  e.apply_options.dead = [](const LockHolder&, const LockHolder&) { return false; };
  ApplyResult r = e.Apply(plan);
  CHECK(r.ExitCode() == 1);
  CHECK_THAT(Errors(r), Catch::StartsWith("web1: another apply holds the lock: alice@laptop (pid "
                                          "7, run feedbeef) since 2024-05-01T11:00:00Z"));
  CHECK(CommandLabels(e.web1) == std::vector<std::string>{"lock"});
  CHECK(e.world.applied.empty());
}

TEST_CASE("apply: a failed batch leaves its handler pending; the next apply runs it", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.world.fail_apply = true;
  ApplyResult r = e.Apply(e.MakePlan());
  CHECK(r.ExitCode() == 1);
  CHECK_THAT(Errors(r), Catch::Contains("web1: test: test.thing: apply failed on purpose") &&
                            Catch::Contains("handlers left pending for the next apply: reload"));
  CHECK(e.web1.files().count("/var/lib/kilter/pending-handlers") == 1);
  CHECK(e.web1.files().count("/var/lib/kilter/lock") == 0);

  // As if the change had landed before the run died: nothing else to do, but
  // the plan still owes the handler and the apply runs it.
  e.world.fail_apply = false;
  e.world.live["web1"]["a"] = "1";
  Plan plan = e.MakePlan();
  CHECK(Summarize(plan).Line("Plan") ==
        "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete. 1 handler to run.");
  ApplyResult next = e.Apply(plan);
  INFO(Errors(next));
  CHECK(next.ExitCode() == 0);
  CHECK(CommandLabels(e.web1) ==
        std::vector<std::string>{"lock", "read-files", "test-read", "check-handlers", "heartbeat",
                                 "systemctl reload test", "read-files", "test-read", "unlock"});
  CHECK(e.web1.files().count("/var/lib/kilter/pending-handlers") == 0);
}

TEST_CASE("apply: a handler that cannot run on the host stops it before anything is written",
          "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  Plan plan = e.MakePlan();
  // Between plan and apply, the host lost systemd as its init.
  e.web1.On("command -v", CommandResult{0, "nosystemd 0 dumb-init\n", ""});
  e.web1.ClearLog();
  ApplyResult r = e.Apply(plan);
  CHECK(r.ExitCode() == 1);
  CHECK_THAT(Errors(r), Catch::Contains("web1: handler reload cannot run: `systemctl reload "
                                        "test` needs systemd, and systemd is not running on "
                                        "web1 (PID 1 is dumb-init)"));
  CHECK(e.world.applied.empty());
  CHECK(CommandLabels(e.web1) ==
        std::vector<std::string>{"lock", "read-files", "test-read", "check-handlers", "unlock"});
  CHECK(e.web1.files().count("/var/lib/kilter/pending-handlers") == 0);
  CHECK(e.web1.files().count("/var/lib/kilter/lock") == 0);
}

TEST_CASE("apply: a failing handler stays pending and fails the apply", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.web1.On("systemctl reload test", CommandResult{1, "", "unit test.service not found\n"});
  ApplyResult r = e.Apply(e.MakePlan());
  CHECK_THAT(Errors(r), Catch::Contains("web1: handler reload failed (exit 1): unit "
                                        "test.service not found; it stays pending"));
  CHECK(e.web1.files().count("/var/lib/kilter/pending-handlers") == 1);
}

TEST_CASE("apply: a converged apply records when it finished; the next plan reads it", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  CHECK(e.MakePlan().hosts[0].last_apply.empty());
  ApplyResult r = e.Apply(e.MakePlan());
  REQUIRE(r.ExitCode() == 0);
  nlohmann::json record = nlohmann::json::parse(e.web1.files()["/var/lib/kilter/last-apply"]);
  CHECK(record["run_id"] == "1234abcd");
  std::string time = record["time"];
  CHECK(time.size() == 20);
  CHECK(e.MakePlan().hosts[0].last_apply == time);
}

TEST_CASE("apply: a failed apply records no last apply", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.world.ignore_apply = true;
  REQUIRE(e.Apply(e.MakePlan()).ExitCode() == 1);
  CHECK(e.web1.files().count("/var/lib/kilter/last-apply") == 0);
}

TEST_CASE("apply: what did not converge is an error", "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.world.ignore_apply = true;
  ApplyResult r = e.Apply(e.MakePlan());
  CHECK(r.ExitCode() == 1);
  CHECK_THAT(Errors(r), Catch::Contains("web1: test.thing \"a\" @ web1 did not converge: after "
                                        "apply it still needs to create"));
}

TEST_CASE("apply: hosts whose plan failed are left alone, the others applied", "[apply]") {
  Estate e;
  e.catalog.hosts.push_back(testing::TestHost("web2"));
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web2", "2")};
  e.web2.On("test-read", CommandResult{1, "", "boom"});
  Plan plan = e.MakePlan();
  e.web2.On("test-read", CommandResult{0, "", ""});
  ApplyResult r = e.Apply(plan);
  CHECK(r.hosts[0].errors.empty());
  CHECK(r.hosts[0].created == 1);
  REQUIRE(r.hosts[1].errors.size() == 1);
  CHECK(r.hosts[1].errors[0] == "web2: not applied: the plan of this host has errors");
  CHECK(e.web2.log().empty());
}

TEST_CASE("apply: removing every resource of a provider deletes them and drops it from the "
          "index",
          "[apply]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.Apply(e.MakePlan());
  REQUIRE(e.web1.files()["/var/lib/kilter/providers"] == "test\n");
  e.catalog.resources.clear();
  Plan plan = e.MakePlan();
  REQUIRE(Summarize(plan).remove == 1);
  ApplyResult r = e.Apply(plan);
  INFO(Errors(r));
  CHECK(r.hosts[0].deleted == 1);
  CHECK(e.world.live["web1"].empty());
  CHECK(e.web1.files()["/var/lib/kilter/providers"].empty());
  CHECK(ExitCode(e.MakePlan()) == 0);
}

}  // namespace kilter::reconciler
