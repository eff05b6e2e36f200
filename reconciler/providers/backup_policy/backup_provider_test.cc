#include "reconciler/providers/backup_policy/backup_provider.h"

#include <algorithm>

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/kit/owned_file.h"
#include "support/read_facts.h"
#include "support/fake_transport.h"
#include "support/default_settings.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using kilter::testing::FakeTransport;
using nlohmann::json;

namespace {

Resource DbPolicy(const std::string& name = "opencart-db") {
  Resource r;
  r.type = "backup.policy";
  r.name = name;
  r.host = "db1";
  r.fields = {{"source", {{"mysql", "opencart"}}},
              {"repository", "/var/backups/restic"},
              {"password_file", "/etc/kilter/restic.pass"},
              {"schedule", "0 3 * * *"},
              {"keep", {{"daily", 7}, {"weekly", 4}, {"monthly", 6}, {"yearly", 0}}},
              {"grace", 7200000},
              {"verify_every", nullptr},
              {"user", "root"}};
  return r;
}

/// One thing the host holds: "now" (its clock), "file" and "mtime" (of a
/// path), "norepo" (no repository), "last" (the record of the last successful
/// backup), or what restic prints ("snapshots", "snapshots-err", "forget",
/// "check", "config").
using kilter::testing::Fact;
using kilter::testing::Facts;
using kilter::testing::Record;
using kilter::testing::operator+;

const std::string kRecordPath = "/var/log/kilter-backup-opencart-db.last";

struct Fixture {
  Host host{"db1", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = MakeBackupPolicyProvider();
  Resource resource = DbPolicy();
  FakeTransport transport{"db1"};

  ProviderContext Context() {
    ProviderContext ctx{host, kilter::testing::DefaultSettings(provider->name()), {&resource}, {}, {}};
    return ctx;
  }
  backup::Settings Settings() { return backup::Settings::From(kilter::testing::DefaultSettings(provider->name())); }
  std::string Cron() { return backup::RenderCronFile(backup::Policy::From(resource), Settings()); }
  std::string Job() { return backup::RenderJobScript(backup::Policy::From(resource), Settings()); }

  /// Makes the fake host hold `facts`, then reads and diffs.
  std::vector<Change> Plan(const Facts& facts) {
    bool repository = true;
    std::map<std::string, CommandResult> restic;
    for (const Fact& f : facts) {
      if (f.kind == "now")
        transport.On("date +%s", CommandResult{0, f.data + "\n", ""});
      else if (f.kind == "file")
        transport.files()[f.key] = f.data;
      else if (f.kind == "mtime")
        transport.mtimes()[f.key] = std::stoll(f.data);
      else if (f.kind == "norepo")
        repository = false;
      else if (f.kind == "last")
        transport.files()[kRecordPath] = f.data;
      else if (f.kind == "snapshots-err")
        restic["snapshots --json"].err = f.data;
      else {
        std::string needle = f.kind == "snapshots" ? "snapshots --json"
                             : f.kind == "forget"  ? "forget --dry-run"
                             : f.kind == "config"  ? "cat config"
                                                   : "check 2>&1";
        restic[needle].exit_code = f.rc;
        restic[needle].out = f.data;
      }
    }
    transport.On("/var/backups/restic/config ]", CommandResult{repository ? 0 : 1, "", ""});
    for (const auto& [needle, result] : restic) transport.On(needle, result);
    ProviderContext ctx = Context();
    LiveState live = provider->Read(transport, ctx);
    return provider->Diff(ctx, live);
  }
};

const std::string kNow = "1795748400";  // 2026-11-27 03:00:00 UTC
const std::string kCronPath = "/etc/cron.d/kilter-opencart-db";
const std::string kJobPath = "/usr/local/lib/kilter/backup/kilter-backup-opencart-db.sh";

std::string Snapshots(const std::string& time) {
  return json::array({{{"time", time}, {"short_id", "abcd1234"}, {"id", "abcd1234ffff"}}}).dump();
}

}  // namespace

TEST_CASE("backup.policy: the whole read of a host is one command") {
  Fixture f;
  f.Plan(Record("now", "-", 0, kNow) + Record("norepo", "0", 0, ""));
  REQUIRE(f.transport.commands().size() == 1);
  std::string script;
  for (const std::string& line : f.transport.log()) script += line + "\n";
  CHECK(script.find("snapshots --json --tag kilter:opencart-db") != std::string::npos);
  CHECK(script.find("forget --dry-run --json --tag kilter:opencart-db "
                    "--keep-daily 7 --keep-weekly 4 "
                    "--keep-monthly 6") != std::string::npos);
  CHECK(script.find(" check 2>&1") != std::string::npos);
}

TEST_CASE(
    "backup.policy: a new policy creates its job, its schedule and its "
    "repository") {
  Fixture f;
  auto changes = f.Plan(Record("now", "-", 0, kNow) + Record("norepo", "0", 0, ""));
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.Address() == "backup.policy \"opencart-db\" @ db1");
  CHECK(c.problems.empty());
  REQUIRE(c.actions.size() == 3);
  CHECK(c.actions[0].summary == "write " + kCronPath);
  CHECK(c.actions[1].summary == "write " + kJobPath);
  CHECK(c.actions[2].summary == "restic init /var/backups/restic");

  f.transport.ClearLog();
  f.transport.On("mkdir", CommandResult{0, "", ""});
  f.transport.On("init", CommandResult{0, "", ""});
  f.provider->Apply(f.transport, f.Context(), changes);
  CHECK(f.transport.log() ==
        std::vector<std::string>{"run mkdir -p /usr/local/lib/kilter/backup /etc/cron.d /var/log",
                                 "run restic -r /var/backups/restic --password-file "
                                 "/etc/kilter/restic.pass init",
                                 "remove " + kRecordPath, "write " + kJobPath,
                                 "write " + kCronPath});
  CHECK(f.transport.stats()[kJobPath].mode == 0750);
  CHECK(f.transport.files()[kCronPath].find(
            "0 3 * * * root "
            "/usr/local/lib/kilter/backup/kilter-backup-opencart-db.sh >> "
            "/var/log/kilter-backup-opencart-db.log 2>&1\n") != std::string::npos);
  CHECK(f.transport.files()[kJobPath].find("mariadb-dump --defaults-file=/etc/mysql/debian.cnf "
                                           "--single-transaction") != std::string::npos);
}

TEST_CASE("backup.policy: an applied, fresh policy is nothing to do") {
  Fixture f;
  auto changes =
      f.Plan(Record("now", "-", 0, kNow) + Record("mtime", kCronPath, 0, kNow) +
             Record("file", kCronPath, 0, f.Cron()) + Record("file", kJobPath, 0, f.Job()) +
             Record("snapshots", "0", 0, Snapshots("2026-11-27T02:59:00Z")) +
             Record("forget", "0", 0, "[]") + Record("check", "0", 0, "no errors"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].problems.empty());
  CHECK(changes[0].actions.empty());
  // The newest snapshot's age and the schedule's longest gap (daily), for the
  // metrics kilter_resource_backup_age_seconds and _interval_seconds.
  CHECK(changes[0].measures == std::map<std::string, double>{{"backup_age_seconds", 60},
                                                             {"backup_interval_seconds", 86400}});
}

TEST_CASE("backup.policy: the last restore time is measured, and past verify_every it is drift") {
  Fixture f;
  f.resource.fields["verify_every"] = 7 * 86400000LL;
  std::string verified = "/var/log/kilter-backup-opencart-db.verified";
  auto facts = [&](const std::string& when) {
    return Record("now", "-", 0, kNow) + Record("mtime", kCronPath, 0, kNow) +
           Record("file", kCronPath, 0, f.Cron()) + Record("file", kJobPath, 0, f.Job()) +
           Record("file", verified, 0,
                  R"({"kind":"restore","seconds":42.5,"snapshot":"abcd1234ffff","time":")" + when +
                      "\"}") +
           Record("snapshots", "0", 0, Snapshots("2026-11-27T02:59:00Z")) +
           Record("forget", "0", 0, "[]") + Record("check", "0", 0, "no errors");
  };
  auto fresh = f.Plan(facts("2026-11-26T03:00:00Z"));
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0].problems.empty());
  CHECK(fresh[0].measures.at("restore_duration_seconds") == 42.5);
  CHECK(fresh[0].measures.at("verify_age_seconds") == 86400);
  auto old = f.Plan(facts("2026-11-01T03:00:00Z"));
  REQUIRE(old[0].problems.size() == 1);
  CHECK(old[0].problems[0].rfind("restore not proven recently: the last successful restore "
                                 "(2026-11-01T03:00:00Z, snapshot abcd1234) is 26d 0h old",
                                 0) == 0);
  CHECK(old[0].kind == ChangeKind::kNothing);
}

TEST_CASE(
    "backup.policy: stale snapshots and a failed check are problems, not "
    "changes") {
  Fixture f;
  auto changes = f.Plan(
      Record("now", "-", 0, kNow) + Record("mtime", kCronPath, 0, "0") +
      Record("file", kCronPath, 0, f.Cron()) + Record("file", kJobPath, 0, f.Job()) +
      Record("snapshots", "0", 0, Snapshots("2026-11-25T03:00:00+01:00")) +
      Record("forget", "0", 0, "[]") + Record("check", "0", 1, "error: pack 1234 not found"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  REQUIRE(changes[0].problems.size() == 2);
  CHECK(changes[0].problems[0] ==
        "restic check failed on /var/backups/restic: error: pack 1234 not found");
  CHECK(changes[0].problems[1] ==
        "stale backup: the newest snapshot is 2d 1h old; the schedule runs at "
        "least every 1d 0h, "
        "grace 2h 0m");
  CHECK(changes[0].measures.at("backup_age_seconds") == 2 * 86400 + 3600);
}

TEST_CASE("backup.policy: a repository replaced or emptied after a recorded backup is a problem "
          "at once") {
  Fixture f;
  const std::string last =
      R"({"repository_id":"1111aaaa2222","snapshot":"abcd1234","time":"2026-11-27T02:30:00Z",)"
      R"("size_bytes":4096})";
  auto plan = [&](const std::string& config_id, const std::string& snapshots) {
    return f.Plan(Record("now", "-", 0, kNow) + Record("mtime", kCronPath, 0, kNow) +
                  Record("file", kCronPath, 0, f.Cron()) + Record("file", kJobPath, 0, f.Job()) +
                  Record("last", "0", 0, last) +
                  Record("config", "0", 0, json{{"version", 2}, {"id", config_id}}.dump()) +
                  Record("snapshots", "0", 0, snapshots) + Record("forget", "0", 0, "[]") +
                  Record("check", "0", 0, ""));
  };
  // The recorded snapshot in the recorded repository: nothing to say.
  auto same = plan("1111aaaa2222", Snapshots("2026-11-27T02:30:00Z"));
  CHECK(same[0].problems.empty());
  // The recorded snapshot's size, for the metric kilter_resource_last_snapshot_size_bytes.
  CHECK(same[0].measures.at("last_snapshot_size_bytes") == 4096);
  CHECK(std::find(f.transport.log().begin(), f.transport.log().end(),
                  "batch F " + kRecordPath) != f.transport.log().end());

  auto replaced = plan("9999bbbb8888", "[]");
  CHECK(replaced[0].kind == ChangeKind::kNothing);
  CHECK(replaced[0].problems ==
        std::vector<std::string>{
            "repository /var/backups/restic was replaced or re-initialised after the last "
            "successful backup (2026-11-27T02:30:00Z, snapshot abcd1234): its id was 1111aaaa, it "
            "is now 9999bbbb, and the backups made before are not in it; the next successful run "
            "records the new repository"});

  auto emptied = plan("1111aaaa2222", "[]");
  CHECK(emptied[0].problems ==
        std::vector<std::string>{
            "repository /var/backups/restic was emptied: it holds no snapshot of this policy, yet "
            "the last successful backup (2026-11-27T02:30:00Z, snapshot abcd1234) went there; the "
            "next successful run makes a new one"});
}

TEST_CASE("backup.policy: a repository gone after a recorded backup says so, and apply forgets the "
          "record with the repository it initialises") {
  Fixture f;
  auto changes = f.Plan(
      Record("now", "-", 0, kNow) + Record("file", kCronPath, 0, f.Cron()) +
      Record("file", kJobPath, 0, f.Job()) +
      Record("last", "0", 0,
             R"({"repository_id":"1111","snapshot":"abcd1234","time":"2026-11-27T02:30:00Z"})") +
      Record("norepo", "0", 0, ""));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  CHECK(changes[0].problems ==
        std::vector<std::string>{"repository /var/backups/restic is missing: apply initialises a "
                                 "new, empty one; the last successful backup "
                                 "(2026-11-27T02:30:00Z) went to the one that is gone"});
}

TEST_CASE("backup.policy: the job records the repository and snapshot of each successful backup") {
  Fixture f;
  std::string job = f.Job();
  CHECK(job.find("backup --json --stdin --stdin-filename opencart.sql") != std::string::npos);
  size_t record = job.find("> /var/log/kilter-backup-opencart-db.last.tmp\n"
                           "mv /var/log/kilter-backup-opencart-db.last.tmp "
                           "/var/log/kilter-backup-opencart-db.last\n");
  CHECK(job.find("restic -r /var/backups/restic --password-file /etc/kilter/restic.pass cat "
                 "config") < record);
  CHECK(record < job.find("forget --prune"));
  CHECK(job.find("size=$(sed -n 's/.*\"total_bytes_processed\":\\([0-9]*\\).*/\\1/p' \"$out\")") <
        record);
}

TEST_CASE("backup.policy: a schedule edited by hand is live drift with the field change") {
  Fixture f;
  std::string edited = f.Cron();
  edited.replace(edited.find("0 3 * * *"), 9, "0 5 * * *");
  f.resource.fields["schedule"] = "0 3 * * *";
  auto changes = f.Plan(Record("now", "-", 0, kNow) + Record("file", kCronPath, 0, edited) +
                        Record("file", kJobPath, 0, f.Job()) +
                        Record("snapshots", "0", 0, Snapshots("2026-11-27T02:00:00Z")) +
                        Record("forget", "0", 0, "[]") + Record("check", "0", 0, ""));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  CHECK(changes[0].cause == DriftCause::kLiveChanged);
  REQUIRE(changes[0].actions.size() == 1);
  CHECK(changes[0].actions[0].summary == "write " + kCronPath);
}

TEST_CASE("backup.policy: a changed retention shows the keep/forget table") {
  Fixture f;
  std::string old_job = f.Job();
  f.resource.fields["keep"]["daily"] = 2;
  json forget = json::array(
      {{{"keep", {{{"time", "2026-11-26T03:00:00Z"}, {"short_id", "aaaa1111"}}}},
        {"remove", {{{"time", "2026-11-20T03:00:00Z"}, {"short_id", "bbbb2222"}}}},
        {"reasons",
         {{{"snapshot", {{"time", "2026-11-26T03:00:00Z"}}}, {"matches", {"daily snapshot"}}}}}}});
  auto changes = f.Plan(Record("now", "-", 0, kNow) + Record("file", kCronPath, 0, f.Cron()) +
                        Record("file", kJobPath, 0, old_job) +
                        Record("snapshots", "0", 0, Snapshots("2026-11-27T02:00:00Z")) +
                        Record("forget", "0", 0, forget.dump()) + Record("check", "0", 0, ""));
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kSpecChanged);
  REQUIRE(c.fields.size() == 1);
  CHECK(c.fields[0].field == "keep");
  CHECK(c.fields[0].before["daily"] == 7);
  CHECK(c.fields[0].after["daily"] == 2);
  REQUIRE(c.actions.back().kind == "retention");
  CHECK(c.actions.back().detail ==
        "retention against the repository's 2 snapshots: keep 1, forget 1\n"
        "  keep   2026-11-26 03:00:00  aaaa1111  (daily snapshot)\n"
        "  forget 2026-11-20 03:00:00  bbbb2222\n");
}

TEST_CASE(
    "backup.policy: a policy removed from the specs deletes its "
    "schedule, never its repository") {
  Fixture f;
  Resource other = DbPolicy("old-files");
  std::string old_cron = backup::RenderCronFile(backup::Policy::From(other), f.Settings());
  std::string old_job = backup::RenderJobScript(backup::Policy::From(other), f.Settings());
  auto changes =
      f.Plan(Record("now", "-", 0, kNow) + Record("file", kCronPath, 0, f.Cron()) +
             Record("file", kJobPath, 0, f.Job()) +
             Record("file", "/etc/cron.d/kilter-old-files", 0, old_cron) +
             Record("file", "/usr/local/lib/kilter/backup/kilter-backup-old-files.sh", 0, old_job) +
             Record("file", "/etc/cron.d/kilter-unmarked", 0, "* * * * * root true\n") +
             Record("snapshots", "0", 0, Snapshots("2026-11-27T02:00:00Z")) +
             Record("forget", "0", 0, "[]") + Record("check", "0", 0, ""));
  REQUIRE(changes.size() == 2);
  const Change& del = changes[1];
  CHECK(del.kind == ChangeKind::kDelete);
  CHECK(del.name == "old-files");
  REQUIRE(del.actions.size() == 2);
  f.transport.ClearLog();
  f.provider->Apply(f.transport, f.Context(), {del});
  CHECK(f.transport.log() ==
        std::vector<std::string>{"remove /etc/cron.d/kilter-old-files",
                                 "remove /usr/local/lib/kilter/backup/kilter-backup-old-files.sh"});
}

TEST_CASE("backup.policy: a relative source path is an error naming the resource") {
  Resource r = DbPolicy();
  r.fields["source"] = {{"paths", {"var/www"}}};
  CHECK_THROWS_WITH(backup::Policy::From(r),
                    Catch::StartsWith("backup.policy \"opencart-db\" @ db1: source path 'var/www'"));
}

TEST_CASE("backup.policy: a file kilter wrote is recognised; an edited one is not") {
  Fixture f;
  std::string job = f.Job();
  auto owned = kit::ReadOwned(kJobPath, job, kit::Comment::kHash);
  REQUIRE(owned);
  CHECK(owned->intact);
  CHECK(owned->type == "backup.policy");
  CHECK(owned->name == "opencart-db");
  CHECK(owned->host == "db1");
  CHECK(backup::RecordedFields(job) == f.resource.fields);
  job.insert(job.size() - 1, " # edited");
  CHECK_FALSE(kit::ReadOwned(kJobPath, job, kit::Comment::kHash)->intact);
}
