#pragma once

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_partitioning {

inline constexpr const char* kType = "mysql.partitioning";

/// [providers."mysql.partitioning"] in kilter.toml, declared with defaults in
/// stdlib/schemas/mysql_partitioning.kilt (`settings mysql.partitioning`).
struct Settings : mysql::ClientSettings {
  int lock_wait_timeout = 0;  ///< seconds an ALTER waits for a metadata lock
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout,
                                   lock_wait_timeout)

}  // namespace kilter::reconciler::mysql_partitioning
