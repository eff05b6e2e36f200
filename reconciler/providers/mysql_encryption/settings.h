#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"
#include "reconciler/providers/kit/restart.h"

namespace kilter::reconciler::mysql_encryption {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/mysql_encryption.kilt (`settings
/// mysql.encryption`) and documented in docs/providers/mysql.encryption.md.
struct Settings {
  std::string client;
  std::string defaults_file;
  int connect_timeout = 0;
  std::string config_file;  ///< "": the server's own search path
  std::string include_dir;  ///< where kilter writes DIR/kilter-NAME.cnf
  std::string key_path;     ///< the key file (file_key_management_filename)
  std::string key_owner;    ///< owner of the key file, mode 0600
  std::string server;       ///< the server program, for its config check
  std::string restart_command;
  int restart_timeout = 0;
  int encrypt_timeout = 0;  ///< seconds apply waits for the encryption threads

  /// The settings the catalog carries; throws ProviderError when one is missing.
  static Settings From(const nlohmann::json& json);
  /// kilter's option file for resource `name`.
  std::string FileOf(const std::string& name) const;
  mysql::ClientSettings Client() const;
  /// How apply restarts the server (its `ready` is left to the caller).
  kit::ServiceRestart Restart() const;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout, config_file,
                                   include_dir, key_path, key_owner, server, restart_command,
                                   restart_timeout, encrypt_timeout)

}  // namespace kilter::reconciler::mysql_encryption
