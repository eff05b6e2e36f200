#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

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

  /// The settings the catalog carries; throws ProviderError when one is missing.
  static Settings From(const nlohmann::json& json);
  /// kilter's option file for resource `name`.
  std::string FileOf(const std::string& name) const;
  /// The client settings SQL runs with.
  mysql::ClientSettings Client() const;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout, print_defaults,
                                   config_file, include_dir)

}  // namespace kilter::reconciler::mysql_server
