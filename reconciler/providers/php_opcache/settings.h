#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::php_opcache {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/php.kilt (`settings php.opcache`) and documented
/// in docs/providers/php.opcache.md.
struct Settings {
  std::string ini_dir;    ///< where kilter writes its ini files: a directory PHP-FPM scans
  std::string php;        ///< runs the host's PHP with FPM's configuration; flags appended
  std::string reload;     ///< the handler "php-fpm"
  std::string file_name;  ///< a resource's ini file name; "{name}" becomes its name
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, ini_dir, php, reload, file_name)

/// The settings the catalog carries, with ini_dir's trailing '/' dropped.
/// Throws ProviderError when the catalog lacks one.
Settings ParseSettings(const nlohmann::json& json);

}  // namespace kilter::reconciler::php_opcache
