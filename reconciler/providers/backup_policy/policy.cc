#include "reconciler/providers/backup_policy/policy.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/managed_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/settings.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::backup {

using nlohmann::json;

json Settings::Defaults() {
  return {{"cron_dir", "/etc/cron.d"},
          {"job_dir", "/usr/local/lib/kilter/backup"},
          {"log_dir", "/var/log"},
          {"restic", "restic"},
          {"dump", "mariadb-dump"},
          {"client", "mariadb"},
          {"defaults_file", "/etc/mysql/debian.cnf"},
          {"scratch_dir", "/var/tmp/kilter-backup"},
          {"check", true}};
}

Settings Settings::From(const json& merged) {
  Settings s;
  s.cron_dir = StringSetting(merged, "backup.policy", "cron_dir");
  s.job_dir = StringSetting(merged, "backup.policy", "job_dir");
  s.log_dir = StringSetting(merged, "backup.policy", "log_dir");
  s.restic = StringSetting(merged, "backup.policy", "restic");
  s.dump = StringSetting(merged, "backup.policy", "dump");
  s.client = StringSetting(merged, "backup.policy", "client");
  s.defaults_file = StringSetting(merged, "backup.policy", "defaults_file");
  s.scratch_dir = StringSetting(merged, "backup.policy", "scratch_dir");
  if (!merged.at("check").is_boolean()) {
    throw ProviderError("backup.policy setting 'check' must be true or false");
  }
  s.check = merged.at("check").get<bool>();
  return s;
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
  if (p.mysql.empty() == p.paths.empty()) {
    throw fail("source must name either a database ({ mysql = \"db\" }) or paths "
               "({ paths = [\"/var/www\"] }), not both and not neither");
  }
  for (const std::string& path : p.paths) {
    if (path.empty() || path[0] != '/') throw fail(fmt::format("source path '{}' is not absolute", path));
  }
  p.repository = f.value("repository", "");
  p.password_file = f.value("password_file", "");
  p.schedule = f.value("schedule", "");
  if (p.repository.empty() || p.repository[0] != '/') {
    throw fail("repository must be an absolute path on the host");
  }
  if (p.password_file.empty() || p.password_file[0] != '/') {
    throw fail("password_file must be an absolute path on the host");
  }
  const json keep = f.value("keep", json::object());
  p.keep = {keep.value("daily", 0), keep.value("weekly", 0), keep.value("monthly", 0),
            keep.value("yearly", 0)};
  if (p.keep.daily + p.keep.weekly + p.keep.monthly + p.keep.yearly == 0) {
    throw fail("keep must keep at least one snapshot (daily, weekly, monthly or yearly)");
  }
  p.grace = std::chrono::milliseconds(f.value("grace", 0LL));
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
  std::string header = MarkLine(p.Address()) + "\n";
  std::string body = fmt::format(
      "SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
      "{} {} {} >> {} 2>&1\n",
      p.schedule, p.user, ShellQuote(p.JobPath(s)),
      ShellQuote(s.log_dir + "/kilter-backup-" + p.SafeName() + ".log"));
  return Seal(header, body);
}

std::string RenderJobScript(const Policy& p, const Settings& s) {
  std::string header =
      "#!/bin/bash\n" + MarkLine(p.Address()) + "\n# kilter-fields: " + p.fields.dump() + "\n";
  std::string restic = fmt::format("{} -r {} --password-file {}", s.restic, ShellQuote(p.repository),
                                   ShellQuote(p.password_file));
  std::string body =
      "# Runs one backup now; KILTER_BACKUP_TIME (restic's --time) sets the snapshot time.\n"
      "set -euo pipefail\n"
      "time_flag=()\n"
      "if [ -n \"${KILTER_BACKUP_TIME:-}\" ]; then time_flag=(--time \"$KILTER_BACKUP_TIME\"); fi\n";
  std::string tag_host = fmt::format("--tag {} --host {}", ShellQuote(p.Tag()), ShellQuote(p.host));
  if (!p.mysql.empty()) {
    body += fmt::format(
        "{} --defaults-file={} --single-transaction --quick --routines --triggers --events {} \\\n"
        "  | {} backup --stdin --stdin-filename {} {} \"${{time_flag[@]}}\"\n",
        s.dump, ShellQuote(s.defaults_file), ShellQuote(p.mysql), restic,
        ShellQuote(p.StdinFilename()), tag_host);
  } else {
    std::string paths;
    for (const std::string& path : p.paths) paths += " " + ShellQuote(path);
    body += fmt::format("{} backup {} \"${{time_flag[@]}}\"{}\n", restic, tag_host, paths);
  }
  body += fmt::format("{} forget --prune --tag {} {}\n", restic, ShellQuote(p.Tag()), p.ForgetFlags());
  return Seal(header, body);
}

json RecordedFields(const std::string& job_script) {
  json fields = json::parse(HeaderValue(job_script, "fields"), nullptr, false);
  return fields.is_discarded() ? json(nullptr) : fields;
}

}  // namespace kilter::reconciler::backup
