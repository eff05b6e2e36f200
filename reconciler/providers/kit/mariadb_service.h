#pragma once

#include <chrono>
#include <string>

#include "reconciler/providers/kit/mysql_client.h"
#include "reconciler/providers/kit/restart.h"

/// The MariaDB server as a service kilter may restart: its own check of its
/// option files and its restart (mysql.server, mysql.encryption).
namespace kilter::reconciler::mysql {

/// The server's config check on its option files: `SERVER
/// [--defaults-file=CONFIG] --help --verbose`, which fails on an unknown
/// variable, a value the server refuses or a plugin it cannot load.
kit::ConfigCheck ServerConfigCheck(const std::string& server, const std::string& config_file);

/// How apply restarts the server: the config check, `restart_command`, then
/// a wait of up to `timeout` for its `ready`, which the caller sets (to
/// ServerAnswers through its transport).
kit::ServiceRestart ServerRestart(const std::string& server, const std::string& config_file,
                                  const std::string& restart_command, std::chrono::seconds timeout);

/// ServerRestart's `ready`: the server answers `SELECT 1` through `client`.
bool ServerAnswers(Transport& transport, const ClientSettings& client);

}  // namespace kilter::reconciler::mysql
