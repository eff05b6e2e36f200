#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_maintenance {

inline constexpr const char* kType = "mysql.maintenance";

/// [providers."mysql.maintenance"] in kilter.toml, declared with defaults in
/// stdlib/schemas/mysql_maintenance.kilt (`settings mysql.maintenance`).
struct Settings : mysql::ClientSettings {
  std::string cron_dir;  ///< where the managed cron file goes
  std::string log_dir;   ///< where runs record their result and append their output
  std::string kilter;    ///< the kilter command on the host, run by the cron file
  std::string user;      ///< the user the cron job runs as
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout, cron_dir,
                                   log_dir, kilter, user)

}  // namespace kilter::reconciler::mysql_maintenance
