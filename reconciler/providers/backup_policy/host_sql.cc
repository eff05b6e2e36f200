#include "reconciler/providers/backup_policy/host_sql.h"

#include <sstream>

#include <fmt/format.h>

namespace kilter::reconciler::backup {

std::string Restic(const Settings& s, const Policy& p) {
  return fmt::format("{} -r {} --password-file {}", s.restic, ShellQuote(p.repository),
                     ShellQuote(p.password_file));
}

CommandResult Shell(Transport& transport, std::string script) {
  Command command;
  command.argv = {"bash", "-c", "set -o pipefail\n" + std::move(script)};
  command.timeout = std::chrono::hours(6);
  return transport.Run(command);
}

std::map<std::string, std::string> Counts(const std::string& out) {
  std::map<std::string, std::string> counts;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) counts[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return counts;
}

/// A script printing "table<TAB>exact row count" for every base table of
/// `db`: a query writes one COUNT(*) statement per table, a second client
/// runs them. The SQL goes through a quoted here-document, untouched by sh.
std::string CountScript(const Settings& s, const std::string& db) {
  std::string client = fmt::format("{} --defaults-file={} -N -B {}", s.client,
                                   ShellQuote(s.defaults_file), ShellQuote(db));
  return fmt::format(
      "{0} <<'KILTER_SQL' | {0}\n"
      "SELECT CONCAT('SELECT ', QUOTE(table_name), ', COUNT(*) FROM `', "
      "REPLACE(table_name, '`', '``'), '`;') FROM information_schema.tables "
      "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name;\n"
      "KILTER_SQL\n",
      client);
}

std::string Client(const Settings& s) {
  return fmt::format("{} --defaults-file={}", s.client, ShellQuote(s.defaults_file));
}

void RecordVerification(Transport& transport, const Settings& s, const Policy& p,
                        const Verification& v) {
  transport.WriteFile(p.VerificationPath(s), v.ToJson().dump() + "\n", {0644, "", ""});
}

}  // namespace kilter::reconciler::backup
