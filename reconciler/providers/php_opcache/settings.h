#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::php_opcache {

/// The provider's settings for one host ([providers."php.opcache"] overlaid
/// by [hosts.NAME.providers."php.opcache"] over these defaults), documented in
/// docs/providers/php.opcache.md.
struct Settings {
  /// Where kilter writes its ini files: a directory PHP-FPM scans.
  std::string ini_dir = "/etc/php/8.2/fpm/conf.d";
  /// The command that runs the host's PHP with the configuration FPM sees;
  /// kilter appends PHP flags and feeds the program on stdin. PHP-FPM cannot
  /// run a script, so this is the CLI binary pointed at FPM's php.ini and
  /// FPM's scan directory.
  std::string php =
      "env PHP_INI_SCAN_DIR=/etc/php/8.2/fpm/conf.d php8.2 -c /etc/php/8.2/fpm/php.ini";
  /// The handler "php-fpm": run once per host after kilter changed a file.
  std::string reload = "systemctl reload php8.2-fpm";
  /// The file name of a resource's ini file; "{name}" becomes its name. The
  /// number orders it after the distribution's files (10-opcache.ini).
  std::string file_name = "90-kilter-{name}.ini";
};

/// The defaults above as JSON, for Provider::DefaultSettings().
nlohmann::json DefaultSettingsJson();

/// Reads merged settings. Throws std::invalid_argument naming the key when a
/// key is unknown, a value is not a string, or file_name cannot work (no
/// "{name}", a '/', not ending in ".ini", which PHP would not scan).
Settings ParseSettings(const nlohmann::json& json);

}  // namespace kilter::reconciler::php_opcache
