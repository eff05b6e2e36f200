#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/nginx_server.h"

namespace kilter::reconciler::bluegreen {

/// Provider settings ([providers."bluegreen.service"]), declared with their
/// defaults in stdlib/schemas/bluegreen.kilt (`settings bluegreen.service`).
struct Settings {
  std::string conf_dir;  ///< where kilter writes one file per service, included inside http {}
  std::string nginx;     ///< the command that runs nginx, for -t, -s reload and -T
  std::string curl;      ///< the command health checks use on the load balancer host
  std::string ss;        ///< the command that counts nginx's connections to servers taken out

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, conf_dir, nginx, curl, ss)

struct HealthCheck {
  std::string path = "/health";
  int status = 200;
  std::string body;  ///< text the response must contain; "" for any
  std::chrono::milliseconds timeout{2000};
  int attempts = 3;
  std::chrono::milliseconds interval{1000};
};

/// A bluegreen.service resource, checked.
struct Service {
  std::string name;
  std::string host;
  std::map<std::string, std::vector<kit::NginxServer>> slots;  ///< nginx.upstream's server schema
  std::map<std::string, std::string> versions;  ///< slot -> version label
  std::string active;
  std::string frontend;  ///< URL; "" when post-switch checks go to the slot only
  HealthCheck health;
  std::chrono::milliseconds drain_timeout{60000};
  nlohmann::json fields;

  /// Throws ProviderError naming the resource when the fields don't make a service.
  static Service From(const catalog::Resource& resource);

  std::string Address() const;
  std::string UpstreamName() const;  ///< the nginx upstream users proxy_pass to
  std::string ConfPath(const Settings& s) const;
  /// The version label a healthy answer of `slot` must contain ("": none).
  std::string Version(const std::string& slot) const;
};

/// The managed file: the active slot's upstream (named after the service) and
/// one upstream per slot (SERVICE-SLOT), under kilter's mark; each server
/// line as nginx.upstream writes it (kit::NginxServerLine).
std::string RenderConf(const Service& service);

/// The addresses apply waits on after making `service.active` live when
/// `previous` was: the previous slot's servers that the active slot does
/// not hold, then the active slot's drained servers.
std::vector<std::string> ToDrain(const Service& service, const std::string& previous);

}  // namespace kilter::reconciler::bluegreen
