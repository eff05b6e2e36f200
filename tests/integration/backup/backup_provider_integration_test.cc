// backup.policy through the local transport against a real restic: apply,
// plan-is-empty, run, verify, retention with faked snapshot times, stale and
// corrupted repositories as drift.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "reconciler/providers/backup_policy/backup_provider.h"
#include "reconciler/providers/backup_policy/operations.h"
#include "support/estate.h"
#include "support/default_settings.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Estate {
  std::map<std::string, std::string> env = kilter::testing::EstateEnv("restic");
  Host host{"db1", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = MakeBackupPolicyProvider();
  std::unique_ptr<Transport> transport = Connect(host, {});
  Resource policy;
  json settings;

  explicit Estate(const std::string& name) {
    std::string repo = env["RESTIC_REPOS"] + "/" + name;
    fs::remove_all(repo);
    policy.type = "backup.policy";
    policy.name = name;
    policy.host = "db1";
    policy.fields = {{"source", {{"paths", {env["RESTIC_SOURCE"]}}}},
                     {"repository", repo},
                     {"password_file", env["RESTIC_PASSWORD_FILE_PATH"]},
                     {"schedule", "0 3 * * *"},
                     {"keep", {{"daily", 2}, {"weekly", 1}, {"monthly", 0}, {"yearly", 0}}},
                     {"grace", 7200000},
                     {"user", "root"}};
    settings = kilter::testing::DefaultSettings(provider->name());
    settings.update({{"cron_dir", env["RESTIC_CRON_DIR"]},
                     {"job_dir", env["RESTIC_JOB_DIR"]},
                     {"log_dir", env["RESTIC_SCRATCH"]},
                     {"scratch_dir", env["RESTIC_SCRATCH"]}});
  }

  ProviderContext Context() { return {host, settings, {&policy}, {}, {}}; }

  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    LiveState live = provider->Read(*transport, ctx);
    std::vector<Change> changes = provider->Diff(ctx, live);
    provider->Validate(*transport, ctx, changes);
    return changes;
  }

  void Apply() {
    std::vector<Change> changes = Plan();
    provider->Apply(*transport, Context(), changes);
  }

  void RunAt(const std::string& time) {
    backup::Report r = backup::RunNow(*transport, settings, policy, time);
    INFO(r.lines.back());
    REQUIRE(r.ok);
  }

  int Snapshots() {
    Command c;
    c.argv = {"restic", "-r", policy.fields["repository"], "--password-file",
              env["RESTIC_PASSWORD_FILE_PATH"], "snapshots", "--json"};
    return static_cast<int>(json::parse(transport->Run(c).out).size());
  }
};

Change Only(const std::vector<Change>& changes) {
  REQUIRE(changes.size() == 1);
  return changes[0];
}

}  // namespace

TEST_CASE("backup.policy on restic: apply, then the plan is empty; run and verify") {
  Estate e("files");
  CHECK(Only(e.Plan()).kind == ChangeKind::kCreate);
  e.Apply();
  CHECK(fs::exists(e.policy.fields["repository"].get<std::string>() + "/config"));
  Change after = Only(e.Plan());
  CHECK(after.kind == ChangeKind::kNothing);
  CHECK(after.problems.empty());  // just installed: not stale yet

  e.RunAt("");
  backup::Report verify = backup::Verify(*e.transport, e.settings, e.policy);
  INFO(fmt::format("{}", fmt::join(verify.lines, "\n")));
  CHECK(verify.ok);
  REQUIRE(verify.lines.size() >= 2);
  CHECK(verify.lines[verify.lines.size() - 2] == "20 files restored and identical to the source");
  // A successful verification ends with its restore time, recorded on the host.
  CHECK(verify.lines.back().rfind("restore and check took ", 0) == 0);

  // A changed source file makes verification fail, naming the file.
  std::ofstream(e.env["RESTIC_SOURCE"] + "/catalog/page3.html") << "changed after the backup\n";
  verify = backup::Verify(*e.transport, e.settings, e.policy);
  CHECK_FALSE(verify.ok);
  CHECK(verify.lines.back().find("/catalog/page3.html") != std::string::npos);
  std::ofstream(e.env["RESTIC_SOURCE"] + "/catalog/page3.html") << "page 3\n";
}

TEST_CASE("backup.policy on restic: retention keeps exactly what the policy says") {
  Estate e("retention");
  e.Apply();
  for (const char* day : {"2026-10-04", "2026-11-01", "2026-11-15", "2026-11-22", "2026-11-25",
                          "2026-11-26"}) {
    e.RunAt(fmt::format("{} 03:00:00", day));
  }
  // Each run forgets with --keep-daily 2 --keep-weekly 1: the two newest
  // days; the newest week's snapshot is one of them.
  CHECK(e.Snapshots() == 2);

  // Narrowing retention shows, against the real snapshots, what will go.
  e.policy.fields["keep"] = {{"daily", 1}, {"weekly", 0}, {"monthly", 0}, {"yearly", 0}};
  Change c = Only(e.Plan());
  CHECK(c.kind == ChangeKind::kUpdate);
  REQUIRE(c.actions.back().kind == "retention");
  INFO(c.actions.back().detail);
  CHECK(c.actions.back().detail.find("keep 1, forget 1") != std::string::npos);
  CHECK(c.actions.back().detail.find("keep   2026-11-26 03:00:00") != std::string::npos);
  CHECK(c.actions.back().detail.find("forget 2026-11-25 03:00:00") != std::string::npos);
}

TEST_CASE("backup.policy on restic: a stale backup and a corrupted repository are problems") {
  Estate e("broken");
  e.Apply();
  e.RunAt("2026-01-01 03:00:00");
  Change stale = Only(e.Plan());
  CHECK(stale.kind == ChangeKind::kNothing);
  REQUIRE(stale.problems.size() == 1);
  CHECK(stale.problems[0].rfind("stale backup: the newest snapshot is ", 0) == 0);

  e.RunAt("");
  for (const auto& entry : fs::recursive_directory_iterator(
           e.policy.fields["repository"].get<std::string>() + "/data")) {
    if (entry.is_regular_file()) {
      fs::remove(entry.path());
      break;
    }
  }
  Change corrupt = Only(e.Plan());
  REQUIRE_FALSE(corrupt.problems.empty());
  CHECK(corrupt.problems[0].rfind("restic check failed on ", 0) == 0);
}

TEST_CASE("backup.policy on restic: a repository re-initialised or emptied after a backup is a "
          "problem at once") {
  Estate e("reinit");
  e.Apply();
  e.RunAt("");
  CHECK(Only(e.Plan()).problems.empty());
  std::string repo = e.policy.fields["repository"];
  auto restic = [&](std::vector<std::string> args) {
    Command c;
    c.argv = {"restic", "-r", repo, "--password-file", e.env["RESTIC_PASSWORD_FILE_PATH"]};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    CommandResult r = e.transport->Run(c);
    INFO(r.err);
    REQUIRE(r.ok());
    return r.out;
  };

  SECTION("re-initialised: the repository's id changed") {
    fs::remove_all(repo);
    restic({"init"});
    Change c = Only(e.Plan());
    CHECK(c.kind == ChangeKind::kNothing);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].rfind("repository " + repo + " was replaced or re-initialised after the "
                              "last successful backup (",
                              0) == 0);
  }
  SECTION("emptied: every snapshot forgotten and pruned") {
    std::vector<std::string> forget = {"forget", "--prune"};
    for (const json& snap : json::parse(restic({"snapshots", "--json"}))) {
      forget.push_back(snap["id"]);
    }
    restic(forget);
    Change c = Only(e.Plan());
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].rfind("repository " + repo + " was emptied: it holds no snapshot of this "
                              "policy, yet the last successful backup (",
                              0) == 0);
  }
  // The next successful run records the repository as it is now.
  e.RunAt("");
  CHECK(Only(e.Plan()).problems.empty());
}

TEST_CASE("backup.policy on restic: the OpenCart database backs up and verifies row by row") {
  Estate e("opencart-db");
  auto db = kilter::testing::EstateEnv("mariadb");
  // A private copy of the OpenCart database, so changing it affects no other test.
  std::string client = "mariadb --defaults-file=" + db["MARIADB_DEFAULTS_FILE"];
  REQUIRE(std::system((client + " -e 'DROP DATABASE IF EXISTS opencart_backup; CREATE DATABASE "
                                "opencart_backup' && mariadb-dump --defaults-file=" +
                       db["MARIADB_DEFAULTS_FILE"] + " opencart | " + client + " opencart_backup")
                          .c_str()) == 0);
  e.policy.fields["source"] = {{"mysql", "opencart_backup"}};
  e.settings["defaults_file"] = db["MARIADB_DEFAULTS_FILE"];
  e.Apply();
  CHECK(Only(e.Plan()).kind == ChangeKind::kNothing);
  e.RunAt("");
  backup::Report verify = backup::Verify(*e.transport, e.settings, e.policy);
  INFO(fmt::format("{}", fmt::join(verify.lines, "\n")));
  CHECK(verify.ok);
  REQUIRE(verify.lines.size() >= 2);
  CHECK(verify.lines[verify.lines.size() - 2] ==
        "136 tables compared with opencart_backup: tables and row counts match");
  CHECK(verify.lines.back().rfind("restore and check took ", 0) == 0);

  // Rows written after the backup make the comparison fail, naming the table.
  REQUIRE(std::system((client + " opencart_backup -e \"INSERT INTO oc_currency (title, code, "
                                "symbol_left, symbol_right, decimal_place, value, status, "
                                "date_modified) VALUES ('Test', 'TST', '', '', '2', 1, 1, NOW())\"")
                          .c_str()) == 0);
  verify = backup::Verify(*e.transport, e.settings, e.policy);
  CHECK_FALSE(verify.ok);
  CHECK(verify.lines[1] == "table oc_currency: 3 rows in the backup, 4 in opencart_backup");
}

TEST_CASE("backup.policy on restic: a database that can't be reached fails the plan, naming it") {
  Estate e("nodb");
  auto db = kilter::testing::EstateEnv("mariadb");
  e.policy.fields["source"] = {{"mysql", "opencart_nonexistent"}};
  e.settings["defaults_file"] = db["MARIADB_DEFAULTS_FILE"];
  CHECK_THROWS_WITH(e.Plan(), Catch::StartsWith("backup.policy \"nodb\" @ db1: cannot reach database "
                                                "opencart_nonexistent with"));
}

TEST_CASE("backup.policy on restic: a policy removed from the specs keeps its repository") {
  Estate e("removed");
  e.Apply();
  e.RunAt("");
  Estate other("other");
  ProviderContext ctx = other.Context();
  std::vector<Change> changes = other.provider->Diff(ctx, other.provider->Read(*other.transport, ctx));
  const Change* del = nullptr;
  for (const Change& c : changes) {
    if (c.kind == ChangeKind::kDelete && c.name == "removed") del = &c;
  }
  REQUIRE(del);
  other.provider->Apply(*other.transport, ctx, {*del});
  CHECK_FALSE(fs::exists(e.env["RESTIC_CRON_DIR"] + "/kilter-removed"));
  CHECK_FALSE(fs::exists(e.env["RESTIC_JOB_DIR"] + "/kilter-backup-removed.sh"));
  CHECK(e.Snapshots() == 1);
}
