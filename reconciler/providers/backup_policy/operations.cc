#include "reconciler/providers/backup_policy/operations.h"

#include <map>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/backup_policy/host_sql.h"
#include "reconciler/plan/plan.h"
#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/backup_policy/restore_plan.h"

namespace kilter::reconciler::backup {

namespace {

Report VerifyDatabase(Transport& transport, const Settings& s, const Policy& p) {
  Report report;
  std::string scratch = "kilter_scratch_verify_" + p.SafeName();
  for (char& c : scratch) {
    if (c == '-') c = '_';
  }
  std::string client = fmt::format("{} --defaults-file={}", s.client, ShellQuote(s.defaults_file));
  CommandResult load = Shell(
      transport,
      fmt::format("{0} -e 'DROP DATABASE IF EXISTS `{1}`; CREATE DATABASE `{1}`' && "
                  "{2} dump --tag {3} latest {4} | {0} {1}",
                  client, scratch, Restic(s, p), ShellQuote(p.Tag()), ShellQuote(p.StdinFilename())));
  auto drop = [&] { Shell(transport, fmt::format("{} -e 'DROP DATABASE IF EXISTS `{}`'", client, scratch)); };
  if (!load.ok()) {
    drop();
    report.lines.push_back(fmt::format("restoring the latest snapshot of {} into {} failed: {}",
                                       p.StdinFilename(), scratch, load.err));
    return report;
  }
  CommandResult source = Shell(transport, CountScript(s, p.mysql));
  CommandResult restored = Shell(transport, CountScript(s, scratch));
  drop();
  if (!source.ok() || !restored.ok()) {
    report.lines.push_back("counting rows failed: " + source.err + restored.err);
    return report;
  }
  auto want = Counts(source.out);
  auto got = Counts(restored.out);
  report.ok = true;
  for (const auto& [table, count] : want) {
    auto it = got.find(table);
    if (it == got.end()) {
      report.ok = false;
      report.lines.push_back(fmt::format("table {} is missing from the backup", table));
    } else if (it->second != count) {
      report.ok = false;
      report.lines.push_back(
          fmt::format("table {}: {} rows in the backup, {} in {}", table, it->second, count, p.mysql));
    }
  }
  for (const auto& [table, count] : got) {
    if (!want.count(table)) {
      report.ok = false;
      report.lines.push_back(fmt::format("table {} is in the backup but not in {}", table, p.mysql));
    }
  }
  report.lines.push_back(fmt::format("{} tables compared with {}: {}", want.size(), p.mysql,
                                     report.ok ? "tables and row counts match" : "MISMATCH"));
  return report;
}

/// Prints "sha256  /absolute/path" for every file below the paths given
/// after ROOT, read from ROOT/path ("" for the live source, the restore
/// target for the backup), sorted by path.
constexpr const char* kSumsFunction = R"sh(sums() {
  root=$1; shift
  for p in "$@"; do
    if [ -d "$root$p" ]; then
      (cd "$root$p" && find . -type f -print0 | xargs -0r sha256sum | sed "s|  \./|  $p/|")
    elif [ -f "$root$p" ]; then
      (cd "$root$(dirname "$p")" && sha256sum "$(basename "$p")" | sed "s|  |  $(dirname "$p")/|")
    fi
  done | sort -k2
}
)sh";

Report VerifyPaths(Transport& transport, const Settings& s, const Policy& p) {
  Report report;
  std::string target = s.scratch_dir + "/verify-" + p.SafeName();
  std::string paths;
  for (const std::string& path : p.paths) paths += " " + ShellQuote(path);
  CommandResult r = Shell(
      transport,
      fmt::format("{0}t={1}\nrm -rf \"$t\" && mkdir -p \"$t\" || exit 3\n"
                  "{2} restore --tag {3} latest --target \"$t\" >/dev/null || "
                  "{{ rm -rf \"$t\"; exit 3; }}\n"
                  "sums '' {4} > \"$t.want\"; sums \"$t\" {4} > \"$t.got\"\n"
                  "diff \"$t.want\" \"$t.got\"; rc=$?\n"
                  "wc -l < \"$t.want\" >&2\nrm -rf \"$t\" \"$t.want\" \"$t.got\"\nexit $rc\n",
                  kSumsFunction, ShellQuote(target), Restic(s, p), ShellQuote(p.Tag()), paths));
  report.ok = r.ok();
  if (r.ok()) {
    report.lines.push_back(fmt::format("{} files restored and identical to the source",
                                       r.err.substr(0, r.err.find('\n'))));
  } else if (r.exit_code == 3) {
    report.lines.push_back("restoring the latest snapshot failed: " + r.err);
  } else {
    report.lines.push_back("the restored files differ from the source (< source, > backup):");
    report.lines.push_back(r.out);
  }
  return report;
}

}  // namespace

Report RunNow(Transport& transport, const nlohmann::json& settings, const catalog::Resource& resource,
              const std::string& time) {
  Settings s = Settings::From(settings);
  Policy p = Policy::From(resource);
  Report report;
  if (!transport.Stat(p.JobPath(s))) {
    report.lines.push_back(fmt::format("{}: the job {} is not installed: apply the policy first",
                                       p.Address(), p.JobPath(s)));
    return report;
  }
  Command command;
  command.argv = {"env", "KILTER_BACKUP_TIME=" + time, p.JobPath(s)};
  command.timeout = std::chrono::hours(6);
  CommandResult r = transport.Run(command);
  report.ok = r.ok();
  report.lines.push_back(fmt::format("{}: backup {} (exit {})", p.Address(),
                                     r.ok() ? "done" : "FAILED", r.exit_code));
  if (!r.ok()) report.lines.push_back(r.err.empty() ? r.out : r.err);
  return report;
}

Report Verify(Transport& transport, const nlohmann::json& settings, const catalog::Resource& resource) {
  Settings s = Settings::From(settings);
  Policy p = Policy::From(resource);
  auto start = std::chrono::steady_clock::now();
  Report report = p.mysql.empty() ? VerifyPaths(transport, s, p) : VerifyDatabase(transport, s, p);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.lines.insert(report.lines.begin(),
                      fmt::format("{}: verifying the latest snapshot in {}", p.Address(), p.repository));
  if (report.ok) {
    RecordVerification(transport, s, p, {NowUtc(), "verify", seconds, "latest"});
    report.lines.push_back(fmt::format("restore and check took {:.1f}s", seconds));
  }
  return report;
}

}  // namespace kilter::reconciler::backup
