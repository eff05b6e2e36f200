#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::redis_server {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/redis.kilt (`settings redis.server`).
struct Settings {
  std::string redis_cli;     ///< the redis-cli command on the host
  std::string redis_server;  ///< the server program, for the config check
  int restart_timeout = 0;   ///< seconds to wait for a restarted server

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& json);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, redis_cli, redis_server, restart_timeout)

}  // namespace kilter::reconciler::redis_server
