#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::php_fpm_pool {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/php.kilt (`settings php.fpm_pool`) and documented
/// in docs/providers/php.fpm_pool.md.
struct Settings {
  std::string pool_dir;  ///< where kilter writes POOL_DIR/kilter-NAME.conf
  std::string conf;      ///< php-fpm.conf, which includes POOL_DIR/*.conf
  std::string fpm;       ///< the php-fpm command
  std::string pid_file;  ///< the master's pid file, rewritten at every reload
  std::string fcgi;      ///< the FastCGI client that reads status pages
  std::string reload;    ///< the handler "php-fpm"; "" none

  /// The settings the catalog carries, pool_dir's trailing '/' dropped;
  /// throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& json);
  /// kilter's pool file for resource `name`: POOL_DIR/kilter-NAME.conf, every
  /// character of NAME outside [A-Za-z0-9._-] made '-'.
  std::string FileOf(const std::string& name) const;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, pool_dir, conf, fpm, pid_file, fcgi, reload)

}  // namespace kilter::reconciler::php_fpm_pool
