#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/nginx_server.h"

namespace kilter::reconciler::nginx_upstream {

/// Provider settings ([providers."nginx.upstream"]), declared with their
/// defaults in stdlib/schemas/nginx.kilt (`settings nginx.upstream`).
struct Settings {
  std::string conf_dir;  ///< where kilter writes one file per upstream, included inside http {}
  std::string nginx;     ///< the command that runs nginx, for -t, -s reload and -T
  std::string ss;        ///< the command that lists established connections (iproute2's ss)

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, conf_dir, nginx, ss)

/// An nginx.upstream resource, checked by its schema.
struct Upstream {
  std::string name;
  std::string host;
  std::vector<kit::NginxServer> servers;
  std::string balance;  ///< "round_robin", "least_conn", "ip_hash", "random", "hash KEY"
  int64_t keepalive = 0;
  std::chrono::milliseconds drain_timeout{60000};
  nlohmann::json fields;

  /// Throws ProviderError naming the resource when the name cannot name an
  /// nginx upstream (the schema checked everything else).
  static Upstream From(const catalog::Resource& resource);

  std::string Address() const;
  std::string ConfPath(const Settings& s) const;
};

/// The managed file: the `upstream NAME { ... }` block under kilter's mark,
/// with the declared fields recorded (`kilter-fields`). A drained server is
/// written `down`.
std::string RenderConf(const Upstream& upstream);

/// The addresses drained in `fields` (a resource's fields as recorded or
/// declared), in order.
std::vector<std::string> DrainedAddresses(const nlohmann::json& fields);

}  // namespace kilter::reconciler::nginx_upstream
