#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"

namespace kilter::reconciler::nginx_rate_limit {

/// Provider settings ([providers."nginx.rate_limit"]), declared with their
/// defaults in stdlib/schemas/nginx.kilt (`settings nginx.rate_limit`).
struct Settings {
  std::string conf_dir;     ///< the zones, one file per rate limit, included inside http {}
  std::string snippet_dir;  ///< the limits, one file per rate limit, included by locations
  std::string nginx;        ///< the command that runs nginx, for -t, -s reload and -T

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, conf_dir, snippet_dir, nginx)

/// An nginx.rate_limit resource, checked by its schema.
struct RateLimit {
  std::string name;
  std::string host;
  std::string zone_key;
  std::string rate;  ///< "10r/s", "600r/m"
  int64_t burst = 0;
  bool nodelay = false;
  int64_t status = 429;
  std::vector<std::string> locations;
  int64_t connections = 0;
  int64_t zone_size = 10 << 20;  ///< bytes
  std::vector<std::string> allow;
  nlohmann::json fields;

  /// Throws ProviderError naming the resource when the name cannot name
  /// nginx zones and variables (the schema checked everything else).
  static RateLimit From(const catalog::Resource& resource);

  std::string Address() const;
  /// The http-level file: CONF_DIR/kilter-rate-limit-NAME.conf.
  std::string ZonesPath(const Settings& s) const;
  /// The location snippet: SNIPPET_DIR/kilter-rate-limit-NAME.conf.
  std::string SnippetPath(const Settings& s) const;
  /// The name of the zones and of the key variable: kilter_rl_NAME, '-'
  /// and '.' made '_'.
  std::string Ident() const;
};

/// The http-level file under kilter's mark, with the declared fields
/// recorded (`kilter-fields`): a geo of the allowed sources, a map that
/// gives them an empty key (nginx does not limit an empty key), and the
/// limit_req_zone (and limit_conn_zone with connections) on that key.
std::string RenderZones(const RateLimit& limit);

/// The snippet each listed location includes, under kilter's mark:
/// limit_req and limit_req_status (limit_conn and limit_conn_status with
/// connections).
std::string RenderSnippet(const RateLimit& limit);

}  // namespace kilter::reconciler::nginx_rate_limit
