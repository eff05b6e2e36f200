#include "reconciler/providers/mysql_server/settings.h"

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/settings.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::mysql_server {

Settings Settings::From(const nlohmann::json& json) {
  Settings s = TypedSettings<Settings>(json, "mysql.server");
  while (s.include_dir.size() > 1 && s.include_dir.back() == '/') s.include_dir.pop_back();
  return s;
}

std::string Settings::FileOf(const std::string& name) const {
  return include_dir + "/kilter-" + kit::FileNamePart(name) + ".cnf";
}

mysql::ClientSettings Settings::Client() const {
  mysql::ClientSettings c;
  c.client = client;
  c.defaults_file = defaults_file;
  c.connect_timeout = connect_timeout;
  return c;
}

kit::ConfigCheck Settings::ConfigCheck() const {
  std::string command = ShellQuote(server);
  if (!config_file.empty()) command += " " + ShellQuote("--defaults-file=" + config_file);
  command += " --help --verbose";
  kit::ConfigCheck check{"`" + command + "`", {}};
  // The help text is long; what failed is on stderr.
  check.command.shell = command + " >/dev/null";
  return check;
}

kit::ServiceRestart Settings::Restart() const {
  kit::ServiceRestart r;
  r.service = "the MariaDB server";
  r.check = ConfigCheck();
  r.restart = restart_command;
  r.timeout = std::chrono::seconds(restart_timeout);
  return r;
}

}  // namespace kilter::reconciler::mysql_server
