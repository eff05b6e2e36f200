#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::mysql_server {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/mysql_server.kilt (`settings mysql.server`) and
/// documented in docs/providers/mysql.server.md.
struct Settings {
  std::string client;
  std::string defaults_file;
  int connect_timeout = 0;
  std::string print_defaults;  ///< run as `PRINT_DEFAULTS [--defaults-file=CONFIG] --mysqld`
  std::string config_file;  ///< "": the server's own search path
  std::string include_dir;  ///< where kilter writes DIR/kilter-NAME.cnf
  std::string server;           ///< the server program, for its config check
  std::string restart_command;  ///< run only for a resource with restart = "allowed"
  int restart_timeout = 0;      ///< seconds to wait for the restarted server

  /// The settings the catalog carries; throws ProviderError when one is missing.
  static Settings From(const nlohmann::json& json);
  /// kilter's option file for resource `name`.
  std::string FileOf(const std::string& name) const;
  /// The client settings SQL runs with.
  mysql::ClientSettings Client() const;
  /// The server's config check on its option files: `SERVER
  /// [--defaults-file=CONFIG] --help --verbose`, which fails on an unknown
  /// variable or a value the server refuses.
  kit::ConfigCheck ConfigCheck() const;
  /// How apply restarts the server (its `ready` is left to the caller).
  kit::ServiceRestart Restart() const;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout, print_defaults,
                                   config_file, include_dir, server, restart_command,
                                   restart_timeout)

}  // namespace kilter::reconciler::mysql_server
