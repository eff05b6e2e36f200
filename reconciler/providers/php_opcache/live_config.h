#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/owned_file.h"

namespace kilter::reconciler::php_opcache {

/// One ini file that sets a directive, and the value it sets there.
struct Setter {
  std::string file;
  std::string value;
};

/// An opcache directive as PHP sees it.
struct EffectiveDirective {
  nlohmann::json value;          ///< PHP's raw ini string (null when unset)
  std::vector<Setter> setters;   ///< in the order PHP read them; the last one wins
};

/// The configuration PHP reported on one host (the read program's output,
/// php_scripts.h).
struct LiveConfig {
  std::string php_version;
  std::string binary;
  std::optional<std::string> loaded_ini;
  std::vector<std::string> scan_dirs;
  std::vector<std::string> scanned;
  bool opcache_loaded = false;
  std::map<std::string, EffectiveDirective> directives;  ///< "opcache.x" -> value
  std::vector<std::string> unreadable;                   ///< files PHP could not parse
  bool ini_dir_exists = false;
  std::vector<kit::OwnedFile> managed;  ///< files in ini_dir with kilter's mark
  std::string startup_errors;        ///< what PHP printed on stderr while starting

  /// Where `file` comes in PHP's reading order: php.ini first, then the scan
  /// directories in order, files sorted by name within each. Files outside
  /// every scan directory sort last (they are never read).
  std::pair<int, std::string> Order(const std::string& file) const;
};

/// Directives as the check program reports them ("opcache.x" -> value, setters).
std::map<std::string, EffectiveDirective> ParseDirectives(const nlohmann::json& json);

/// Parses the read program's output. Throws std::invalid_argument when a
/// member is missing or has the wrong type.
LiveConfig ParseLiveConfig(const nlohmann::json& json);

/// The directory part of a path ("/a/b.ini" -> "/a").
std::string DirName(const std::string& path);

}  // namespace kilter::reconciler::php_opcache
