#include "reconciler/providers/mysql_server/settings.h"

#include "reconciler/providers/kit/mariadb_service.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/settings.h"

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
  return mysql::ServerConfigCheck(server, config_file);
}

kit::ServiceRestart Settings::Restart() const {
  return mysql::ServerRestart(server, config_file, restart_command,
                              std::chrono::seconds(restart_timeout));
}

}  // namespace kilter::reconciler::mysql_server
