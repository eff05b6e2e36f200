#include "reconciler/providers/mysql_encryption/settings.h"

#include <chrono>

#include "reconciler/providers/kit/mariadb_service.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql_encryption {

Settings Settings::From(const nlohmann::json& json) {
  Settings s = TypedSettings<Settings>(json, "mysql.encryption");
  while (s.include_dir.size() > 1 && s.include_dir.back() == '/') s.include_dir.pop_back();
  return s;
}

std::string Settings::FileOf(const std::string& name) const {
  return include_dir + "/kilter-" + kit::FileNamePart(name) + ".cnf";
}

mysql::ClientSettings Settings::Client() const {
  return {client, defaults_file, connect_timeout};
}

kit::ServiceRestart Settings::Restart() const {
  return mysql::ServerRestart(server, config_file, restart_command,
                              std::chrono::seconds(restart_timeout));
}

}  // namespace kilter::reconciler::mysql_encryption
