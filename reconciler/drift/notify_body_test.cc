#include "reconciler/drift/notify_body.h"

#include <catch2/catch.hpp>

#include "reconciler/drift/drift.h"
#include "reconciler/plan/redact.h"

namespace kilter::reconciler {

namespace {

Change Update(const std::string& host, const std::string& name) {
  Change c;
  c.type = "file";
  c.name = name;
  c.host = host;
  c.kind = ChangeKind::kUpdate;
  c.cause = DriftCause::kLiveChanged;
  c.fields = {{"content", "live text", "spec text"}, {"mode", "0600", "0644"}};
  return c;
}

/// Three hosts: web1 with two drifted files, db1 with a stale backup, and a
/// quiet cache1 with one unchanged file.
Plan Report() {
  Plan plan;
  plan.kind = "drift";
  plan.created = "2026-12-07T03:00:00Z";
  HostPlan web1{"web1", {Update("web1", "motd"), Update("web1", "issue")}, {}, {}};
  Change backup;
  backup.type = "backup.policy";
  backup.name = "db";
  backup.host = "db1";
  backup.problems = {"the latest snapshot is 3 days old", "the repository check failed"};
  HostPlan db1{"db1", {backup}, {}, {}};
  Change quiet = Update("cache1", "motd");
  quiet.kind = ChangeKind::kNothing;
  quiet.fields.clear();
  HostPlan cache1{"cache1", {quiet}, {}, {}};
  plan.hosts = {web1, db1, cache1};
  return plan;
}

}  // namespace

TEST_CASE("notify body: counts, drifted addresses with one-line summaries, and text", "[notify]") {
  Plan report = Report();
  report.suppressed.push_back({Update("web1", "hosts"), "known", "2099-01-01"});
  nlohmann::json body = NotifyBody(report, NotifyEvent::kFound);
  CHECK(body["kind"] == "drift");
  CHECK(body["event"] == "found");
  CHECK(body["created"] == "2026-12-07T03:00:00Z");
  CHECK(body["exit_status"] == 2);
  CHECK(body["counts"] == nlohmann::json{{"hosts", 3},
                                         {"drifted_hosts", 2},
                                         {"drifted", 3},
                                         {"problems", 2},
                                         {"suppressed", 1},
                                         {"expired_suppressions", 0}});
  REQUIRE(body["drifted"].size() == 3);
  CHECK(body["drifted"][0] ==
        nlohmann::json{{"address", "file \"motd\" @ web1"},
                       {"host", "web1"},
                       {"summary", "update (changed on the host): content, mode"}});
  CHECK(body["drifted"][2]["summary"] == "problem: the latest snapshot is 3 days old (+1 more)");
  CHECK(body["text"] == "kilter drift: 3 resources drifted on 2 hosts (web1, db1)");
}

TEST_CASE("notify body: cleared, changed, handlers and expired suppressions", "[notify]") {
  Plan clear = Report();
  clear.hosts.resize(1);
  clear.hosts[0].changes.clear();
  nlohmann::json cleared = NotifyBody(clear, NotifyEvent::kCleared);
  CHECK(cleared["event"] == "cleared");
  CHECK(cleared["exit_status"] == 0);
  CHECK(cleared["drifted"] == nlohmann::json::array());
  CHECK(cleared["text"] == "kilter drift: drift cleared on 1 host");

  Plan report = Report();
  report.hosts.resize(1);
  report.hosts[0].changes.resize(1);
  report.hosts[0].handlers = {
      {"nginx", "systemctl reload nginx", {}, "2026-12-06T03:00:00Z", "r1"}};
  report.expired_suppressions = {{"file \"old\" @ web1", "vendor", "2026-12-01"}};
  CHECK(DriftedAddresses(report) == std::vector<std::string>{"file \"motd\" @ web1",
                                                             "handler \"nginx\" @ web1",
                                                             "suppression of file \"old\" @ web1"});
  CHECK(NotifyText(report, NotifyEvent::kChanged) ==
        "kilter drift: 3 resources drifted on 1 host (web1), changed since the "
        "last notification");
  CHECK(NotifyBody(report, NotifyEvent::kChanged)["drifted"][1]["summary"] ==
        "handler pending since 2026-12-06T03:00:00Z");

  Change missing = Update("web1", "issue");
  missing.kind = ChangeKind::kCreate;
  missing.cause = DriftCause::kMissing;
  missing.problems = {"first line\nsecond line"};
  report.hosts[0].changes = {missing};
  CHECK(DriftItems(report)[0].summary == "create (missing on the host): first line");
}

TEST_CASE("notify body: the text names five hosts at most", "[notify]") {
  Plan report;
  for (int i = 1; i <= 7; ++i) {
    std::string host = "h" + std::to_string(i);
    report.hosts.push_back({host, {Update(host, "motd")}, {}, {}});
  }
  CHECK(NotifyText(report, NotifyEvent::kFound) ==
        "kilter drift: 7 resources drifted on 7 hosts (h1, h2, h3, h4, h5, +2 "
        "more)");
}

TEST_CASE("notify body: a sensitive value never reaches the body", "[notify]") {
  Change user;
  user.type = "mysql.user";
  user.name = "shop";
  user.host = "db1";
  user.kind = ChangeKind::kUpdate;
  user.fields = {{"password", "old-hunter2", "s3cret-hunter2"}};
  user.reasons = {"password is old-hunter2 on the host"};
  user.problems = {"login with s3cret-hunter2 refused"};
  user.actions = {{"sql", "ALTER USER shop IDENTIFIED BY 's3cret-hunter2'", ""}};
  user.desired = {{"password", "s3cret-hunter2"}};
  // As the planner does for every change before any output.
  Redact(user, {"password"});
  Plan report;
  report.hosts = {{"db1", {user}, {}, {}}};
  for (NotifyEvent event : {NotifyEvent::kFound, NotifyEvent::kChanged}) {
    std::string body = NotifyBody(report, event).dump();
    CHECK(body.find("hunter2") == std::string::npos);
    CHECK(body.find("password") != std::string::npos);  // the field is named, its value is not
  }
}

}  // namespace kilter::reconciler
