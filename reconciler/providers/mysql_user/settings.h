#pragma once

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_user {

inline constexpr const char* kType = "mysql.user";

/// [providers."mysql.user"] in kilter.toml, declared with defaults in
/// stdlib/schemas/mysql_user.kilt (`settings mysql.user`).
struct Settings : mysql::ClientSettings {};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, connect_timeout)

}  // namespace kilter::reconciler::mysql_user
