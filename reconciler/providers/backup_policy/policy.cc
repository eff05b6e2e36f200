#include "reconciler/providers/backup_policy/policy.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/cron_file.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/settings.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::backup {

using nlohmann::json;

Settings Settings::From(const json& settings) {
  return TypedSettings<Settings>(settings, "backup.policy");
}

Policy Policy::From(const catalog::Resource& r) {
  Policy p;
  p.name = r.name;
  p.host = r.host;
  p.fields = r.fields;
  auto fail = [&](const std::string& why) {
    return ProviderError(fmt::format("{}: {}", r.Address(), why));
  };
  const json& f = r.fields;
  const json source = f.value("source", json::object());
  if (source.contains("mysql") && source["mysql"].is_string()) {
    p.mysql = source["mysql"].get<std::string>();
  }
  if (source.contains("paths") && source["paths"].is_array()) {
    p.paths = source["paths"].get<std::vector<std::string>>();
  }
  for (const std::string& path : p.paths) {
    if (path.empty() || path[0] != '/') throw fail(fmt::format("source path '{}' is not absolute", path));
  }
  p.repository = f.value("repository", "");
  p.password_file = f.value("password_file", "");
  p.schedule = f.value("schedule", "");
  const json keep = f.value("keep", json::object());
  p.keep = {keep.value("daily", 0), keep.value("weekly", 0), keep.value("monthly", 0),
            keep.value("yearly", 0)};
  p.grace = std::chrono::milliseconds(f.value("grace", 0LL));
  // An optional field the spec leaves out is null in the catalog.
  if (f.contains("verify_every") && f["verify_every"].is_number_integer()) {
    p.verify_every = std::chrono::milliseconds(f["verify_every"].get<int64_t>());
  }
  p.user = f.value("user", "root");
  return p;
}

std::string Policy::SafeName() const {
  std::string safe;
  for (char c : name) safe += (isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return safe;
}

std::string Policy::Tag() const { return "kilter:" + SafeName(); }

std::string Policy::Address() const { return catalog::Address("backup.policy", name, host); }

std::string Policy::CronPath(const Settings& s) const { return s.cron_dir + "/kilter-" + SafeName(); }

std::string Policy::JobPath(const Settings& s) const {
  return s.job_dir + "/kilter-backup-" + SafeName() + ".sh";
}

std::string Policy::LogPath(const Settings& s) const {
  return s.log_dir + "/kilter-backup-" + SafeName() + ".log";
}

std::string Policy::RecordPath(const Settings& s) const {
  return s.log_dir + "/kilter-backup-" + SafeName() + ".last";
}

std::string Policy::VerificationPath(const Settings& s) const {
  return s.log_dir + "/kilter-backup-" + SafeName() + ".verified";
}

std::string Policy::StdinFilename() const { return mysql + ".sql"; }

std::string Policy::ForgetFlags() const {
  std::string flags;
  auto add = [&](const char* flag, int n) {
    if (n > 0) flags += fmt::format(" --keep-{} {}", flag, n);
  };
  add("daily", keep.daily);
  add("weekly", keep.weekly);
  add("monthly", keep.monthly);
  add("yearly", keep.yearly);
  return flags.empty() ? flags : flags.substr(1);
}

std::string RenderCronFile(const Policy& p, const Settings& s) {
  return kit::RenderCronFile({"backup.policy", p.name, p.host, p.schedule, p.user,
                              ShellQuote(p.JobPath(s)), p.LogPath(s)});
}

namespace {

/// An awk program passing the dump through unchanged and appending one
/// line: every table's exact row count (restore_plan.h kRowCountsPrefix),
/// counted from the dump itself, so the counts belong to the dump's own
/// consistent snapshot. mariadb-dump escapes quotes, backslashes and line
/// breaks inside strings, so once the strings are removed a row starts at
/// each "),(" and at each line of an INSERT that starts with "(" (one row
/// a line, as 10.11 writes them, or all on the INSERT's line).
constexpr const char* kCountRows = R"sh(read -r -d '' count_rows <<'KILTER_AWK' || true
{ print }
/^CREATE TABLE `/ { t = $0; sub(/^CREATE TABLE `/, "", t); sub(/`.*/, "", t); if (!(t in rows)) { order[++n] = t; rows[t] = 0 } }
/^INSERT INTO `/ { t = $0; sub(/^INSERT INTO `/, "", t); cur = t; sub(/`.*/, "", cur); sub(/^[^`]*` VALUES/, "", t)
  if (!(cur in rows)) { order[++n] = cur; rows[cur] = 0 }; header = 1 }
cur != "" { if (!header) t = $0; header = 0; gsub(/'([^'\\]|\\.)*'/, "", t)
  rows[cur] += gsub(/\),\(/, "", t) + (t ~ /^ ?\(/); if (t ~ /;$/) cur = "" }
END { printf "-- kilter-row-counts: {"
  for (i = 1; i <= n; i++) printf "%s\"%s\":%.0f", (i > 1 ? "," : ""), order[i], rows[order[i]]
  print "}" }
KILTER_AWK
)sh";

}  // namespace

std::string RenderJobScript(const Policy& p, const Settings& s) {
  std::string restic = fmt::format("{} -r {} --password-file {}", s.restic, ShellQuote(p.repository),
                                   ShellQuote(p.password_file));
  std::string body =
      "# Runs one backup now; KILTER_BACKUP_TIME (restic's --time) sets the snapshot time.\n"
      "set -euo pipefail\n"
      "time_flag=()\n"
      "if [ -n \"${KILTER_BACKUP_TIME:-}\" ]; then time_flag=(--time \"$KILTER_BACKUP_TIME\"); fi\n"
      "out=$(mktemp)\n"
      "trap 'rm -f \"$out\"' EXIT\n";
  std::string tag_host = fmt::format("--tag {} --host {}", ShellQuote(p.Tag()), ShellQuote(p.host));
  if (!p.mysql.empty()) {
    body += kCountRows;
    body += fmt::format(
        "{} --defaults-file={} --single-transaction --quick --routines --triggers --events {} \\\n"
        "  | awk \"$count_rows\" \\\n"
        "  | {} backup --json --stdin --stdin-filename {} {} \"${{time_flag[@]}}\" > \"$out\"\n",
        s.dump, ShellQuote(s.defaults_file), ShellQuote(p.mysql), restic,
        ShellQuote(p.StdinFilename()), tag_host);
  } else {
    std::string paths;
    for (const std::string& path : p.paths) paths += " " + ShellQuote(path);
    body += fmt::format("{} backup --json {} \"${{time_flag[@]}}\"{} > \"$out\"\n", restic,
                        tag_host, paths);
  }
  // The summary goes to the log; the record says which repository (by its
  // id) holds which snapshot of what size, written atomically before
  // retention runs.
  body += fmt::format(
      "grep -v '\"message_type\":\"status\"' \"$out\" || true\n"
      "snapshot=$(sed -n 's/.*\"snapshot_id\":\"\\([0-9a-f]*\\)\".*/\\1/p' \"$out\")\n"
      "size=$(sed -n 's/.*\"total_bytes_processed\":\\([0-9]*\\).*/\\1/p' \"$out\")\n"
      "repository_id=$({} cat config | sed -n 's/^ *\"id\": *\"\\([0-9a-f]*\\)\".*/\\1/p')\n"
      "printf '{{\"repository_id\":\"%s\",\"snapshot\":\"%s\",\"time\":\"%s\","
      "\"size_bytes\":%s}}\\n' "
      "\"$repository_id\" \"$snapshot\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" \"${{size:-null}}\" "
      "> {}.tmp\n"
      "mv {}.tmp {}\n",
      restic, ShellQuote(p.RecordPath(s)), ShellQuote(p.RecordPath(s)),
      ShellQuote(p.RecordPath(s)));
  body += fmt::format("{} forget --prune --tag {} {}\n", restic, ShellQuote(p.Tag()), p.ForgetFlags());
  return kit::Render({"backup.policy", p.name, p.host, kit::Comment::kHash, "#!/bin/bash",
                      {{"fields", p.fields.dump()}}, body});
}

json RecordedFields(const std::string& job_script) {
  std::optional<kit::OwnedFile> job = kit::ReadOwned("", job_script, kit::Comment::kHash);
  json fields = json::parse(job ? job->Record("fields") : "", nullptr, false);
  return fields.is_discarded() ? json(nullptr) : fields;
}

}  // namespace kilter::reconciler::backup
