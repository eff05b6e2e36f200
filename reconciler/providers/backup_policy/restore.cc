#include "reconciler/providers/backup_policy/restore.h"

#include <chrono>
#include <ctime>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/plan/plan.h"
#include "reconciler/providers/backup_policy/host_sql.h"
#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/backup_policy/restore_plan.h"

namespace kilter::reconciler::backup {

namespace {

using nlohmann::json;

/// Exit status of the create script when the database already exists.
constexpr int kExists = 4;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

/// The base tables of `db`, one a line.
std::string TablesScript(const Settings& s, const std::string& db) {
  return fmt::format(
      "{} -N -B -e \"SELECT table_name FROM information_schema.tables WHERE table_schema = '{}' "
      "AND table_type = 'BASE TABLE' ORDER BY table_name\"",
      Client(s), db);
}

/// Compares the restored counts with the snapshot's record; adds a line per
/// difference and returns whether all match.
bool CountsMatch(const std::map<std::string, int64_t>& record,
                 const std::map<std::string, std::string>& restored, Report& report,
                 int64_t& rows) {
  bool ok = true;
  for (const auto& [table, count] : record) {
    auto it = restored.find(table);
    if (it == restored.end()) {
      ok = false;
      report.lines.push_back(fmt::format("table {} of the snapshot was not restored", table));
    } else if (it->second != std::to_string(count)) {
      ok = false;
      report.lines.push_back(fmt::format("table {}: {} rows restored, the snapshot records {}",
                                         table, it->second, count));
    }
    rows += count;
  }
  for (const auto& [table, count] : restored) {
    if (!record.count(table)) {
      ok = false;
      report.lines.push_back(fmt::format("table {} was restored but the snapshot does not record it",
                                         table));
    }
  }
  return ok;
}

class Restorer {
 public:
  Restorer(Transport& transport, const Settings& s, const Policy& p, const RestoreRequest& r)
      : transport_(transport), s_(s), p_(p), r_(r) {}

  Report Run() {
    report_.lines.push_back(fmt::format("{}: restoring {} from {}", p_.Address(), p_.mysql,
                                        p_.repository));
    if (!Check()) return report_;
    std::optional<Snapshot> snap = Choose();
    if (!snap) return report_;
    if (!Create()) return report_;
    auto start = std::chrono::steady_clock::now();
    std::optional<std::map<std::string, int64_t>> record;
    if (!Load(*snap, record) || !Verify(*snap, record)) return report_;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report_.lines.push_back(fmt::format("restore time: {:.1f}s (load and row-count check)", seconds));
    RecordVerification(transport_, s_, p_, {NowUtc(), "restore", seconds, snap->id});
    report_.ok = !r_.replace || Replace();
    return report_;
  }

 private:
  void Fail(std::string line) {
    report_.lines.push_back(std::move(line));
    report_.ok = false;
  }

  bool Check() {
    if (p_.mysql.empty()) {
      Fail("restore is for database policies; a files policy restores with `restic restore`");
      return false;
    }
    if (!PlainDatabaseName(r_.to)) {
      Fail(fmt::format("--to {}: a database name of 1 to 64 letters, digits and _", r_.to));
      return false;
    }
    if (r_.to == p_.mysql) {
      Fail(fmt::format("--to {} is the live database: a restore goes into a new one "
                       "(--replace swaps it in after verification)", r_.to));
      return false;
    }
    if (r_.replace && !PlainDatabaseName(BeforeRestoreName(p_.mysql, 0))) {
      Fail(fmt::format("--replace: {} leaves no room for the name of the kept tables", p_.mysql));
      return false;
    }
    return true;
  }

  std::optional<Snapshot> Choose() {
    CommandResult r = Shell(transport_, fmt::format("{} snapshots --json --tag {}", Restic(s_, p_),
                                                    ShellQuote(p_.Tag())));
    if (!r.ok()) {
      Fail("listing the snapshots failed: " + r.err);
      return std::nullopt;
    }
    std::string error;
    std::optional<Snapshot> snap =
        SelectSnapshot(json::parse(r.out, nullptr, false), r_.snapshot, r_.before, error);
    if (!snap) Fail(error + "; nothing was changed");
    else report_.lines.push_back(fmt::format("snapshot {} of {}", snap->short_id, snap->time));
    return snap;
  }

  bool Create() {
    CommandResult r = Shell(
        transport_,
        fmt::format("n=$({0} -N -B -e \"SELECT COUNT(*) FROM information_schema.schemata "
                    "WHERE schema_name = '{1}'\") || exit 3\n[ \"$n\" = 0 ] || exit {2}\n"
                    "{0} -e 'CREATE DATABASE `{1}`'\n",
                    Client(s_), r_.to, kExists));
    if (r.exit_code == kExists) {
      Fail(fmt::format("database {} already exists: a restore goes into a new database; "
                       "nothing was changed", r_.to));
    } else if (!r.ok()) {
      Fail(fmt::format("creating database {} failed: {}", r_.to, r.err));
    }
    return r.ok();
  }

  /// Drops the database this restore created, after a failure.
  void Drop(const std::string& why) {
    CommandResult r = Shell(transport_, fmt::format("{} -e 'DROP DATABASE IF EXISTS `{}`'",
                                                    Client(s_), r_.to));
    Fail(why);
    report_.lines.push_back(r.ok() ? fmt::format("dropped the half-made database {}", r_.to)
                                   : fmt::format("dropping {} failed too: {}", r_.to, r.err));
  }

  bool Load(const Snapshot& snap, std::optional<std::map<std::string, int64_t>>& record) {
    // The snapshot's last line (the row counts) goes to stdout on its way
    // into the client; the dump itself only to the client.
    CommandResult r = Shell(
        transport_,
        fmt::format("rec=$(mktemp) || exit 3\n"
                    "{0} dump {1} {2} | awk -v rec=\"$rec\" 'index($0, \"{3}\") == 1 "
                    "{{ print > rec }} {{ print }}' | {4} {5}\nrc=$?\ncat \"$rec\"\n"
                    "rm -f \"$rec\"\nexit $rc\n",
                    Restic(s_, p_), ShellQuote(snap.id), ShellQuote(p_.StdinFilename()),
                    kRowCountsPrefix, Client(s_), r_.to));
    if (!r.ok()) {
      Drop(fmt::format("restoring snapshot {} failed: {}", snap.short_id, r.err));
      return false;
    }
    for (const std::string& line : Lines(r.out)) {
      if (auto counts = ParseRowCounts(line)) record = counts;
    }
    return true;
  }

  bool Verify(const Snapshot& snap, const std::optional<std::map<std::string, int64_t>>& record) {
    CommandResult r = Shell(transport_, CountScript(s_, r_.to));
    if (!r.ok()) {
      Drop("counting the restored rows failed: " + r.err);
      return false;
    }
    if (!record) {
      Drop(fmt::format("snapshot {} records no row counts (it was made by a job older than "
                       "kilter's restore): its restore cannot be verified; "
                       "`kilter backup verify` compares the latest with the live database",
                       snap.short_id));
      return false;
    }
    int64_t rows = 0;
    if (!CountsMatch(*record, Counts(r.out), report_, rows)) {
      Drop(fmt::format("the restore into {} does not match the snapshot's record", r_.to));
      return false;
    }
    report_.lines.push_back(fmt::format("restored into {}: {} tables, {} rows, every table's row "
                                        "count matches the snapshot's record",
                                        r_.to, record->size(), rows));
    return true;
  }

  bool Replace() {
    CommandResult live = Shell(transport_, TablesScript(s_, p_.mysql));
    CommandResult restored = Shell(transport_, TablesScript(s_, r_.to));
    if (!live.ok() || !restored.ok()) {
      Fail("listing tables failed: " + live.err + restored.err + "; nothing was replaced");
      return false;
    }
    std::string keep = BeforeRestoreName(p_.mysql, std::time(nullptr));
    std::string rename =
        RenameStatement(p_.mysql, Lines(live.out), r_.to, Lines(restored.out), keep);
    CommandResult r = Shell(
        transport_,
        fmt::format("{0} -e 'CREATE DATABASE `{1}`' || exit 3\n"
                    "{0} <<'KILTER_SQL' || {{ {0} -e 'DROP DATABASE `{1}`'; exit 4; }}\n{2};\n"
                    "KILTER_SQL\n{0} -e 'DROP DATABASE `{3}`'\n",
                    Client(s_), keep, rename, r_.to));
    if (r.exit_code == 3 || r.exit_code == 4) {
      Fail(fmt::format("swapping the restore into {} failed, nothing was replaced (the restore "
                       "stays in {}): {}", p_.mysql, r_.to, r.err));
      return false;
    }
    report_.lines.push_back(fmt::format(
        "replaced: {} now holds the restored tables; its {} previous tables are kept in {}",
        p_.mysql, Lines(live.out).size(), keep));
    if (!r.ok()) report_.lines.push_back(fmt::format("dropping the empty {} failed: {}", r_.to, r.err));
    return true;
  }

  Transport& transport_;
  const Settings& s_;
  const Policy& p_;
  const RestoreRequest& r_;
  Report report_;
};

}  // namespace

Report Restore(Transport& transport, const nlohmann::json& settings, const catalog::Resource& policy,
               const RestoreRequest& request) {
  Settings s = Settings::From(settings);
  Policy p = Policy::From(policy);
  return Restorer(transport, s, p, request).Run();
}

}  // namespace kilter::reconciler::backup
