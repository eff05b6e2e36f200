#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

namespace kilter::reconciler::bluegreen {

/// Provider settings ([providers."bluegreen.service"]), declared with their
/// defaults in stdlib/schemas/bluegreen.kilt (`settings bluegreen.service`).
struct Settings {
  std::string conf_dir;  ///< where kilter writes one file per service, included inside http {}
  std::string nginx;     ///< the command that runs nginx, for -t, -s reload and -T
  std::string curl;      ///< the command health checks use on the load balancer host

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, conf_dir, nginx, curl)

/// One upstream server: "127.0.0.1:8081 weight=2 max_fails=3 fail_timeout=10s backup".
struct Server {
  std::string address;     ///< host:port
  std::string parameters;  ///< nginx server parameters, normalised ("" when none)
};

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
  std::map<std::string, std::vector<Server>> slots;
  std::map<std::string, std::string> versions;  ///< slot -> version label
  std::string active;
  std::string frontend;  ///< URL; "" when post-switch checks go to the slot only
  HealthCheck health;
  nlohmann::json fields;

  /// Throws ProviderError naming the resource when the fields don't make a service.
  static Service From(const catalog::Resource& resource);

  std::string Address() const;
  std::string UpstreamName() const;  ///< the nginx upstream users proxy_pass to
  std::string ConfPath(const Settings& s) const;
  /// The version label a healthy answer of `slot` must contain ("": none).
  std::string Version(const std::string& slot) const;
};

/// Parses "host:port [param=value ...] [backup]"; throws std::invalid_argument with why.
Server ParseServer(const std::string& text);

/// The managed file: the active slot's upstream (named after the service) and
/// one upstream per slot (SERVICE-SLOT), under kilter's mark.
std::string RenderConf(const Service& service);

}  // namespace kilter::reconciler::bluegreen
