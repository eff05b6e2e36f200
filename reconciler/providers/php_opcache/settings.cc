#include "reconciler/providers/php_opcache/settings.h"

#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler::php_opcache {

nlohmann::json DefaultSettingsJson() {
  Settings d;
  return {{"ini_dir", d.ini_dir}, {"php", d.php}, {"reload", d.reload},
          {"file_name", d.file_name}};
}

Settings ParseSettings(const nlohmann::json& json) {
  Settings s;
  if (json.is_null()) return s;
  if (!json.is_object()) throw std::invalid_argument("settings must be a table");
  for (const auto& [key, value] : json.items()) {
    std::string* slot = key == "ini_dir"     ? &s.ini_dir
                        : key == "php"       ? &s.php
                        : key == "reload"    ? &s.reload
                        : key == "file_name" ? &s.file_name
                                             : nullptr;
    if (!slot) {
      throw std::invalid_argument(fmt::format(
          "unknown setting \"{}\" (known: ini_dir, php, reload, file_name)", key));
    }
    if (!value.is_string() || value.get<std::string>().empty()) {
      throw std::invalid_argument(fmt::format("setting \"{}\" must be a non-empty string", key));
    }
    *slot = value.get<std::string>();
  }
  while (s.ini_dir.size() > 1 && s.ini_dir.back() == '/') s.ini_dir.pop_back();
  if (s.ini_dir.front() != '/') {
    throw std::invalid_argument(
        fmt::format("setting \"ini_dir\" must be an absolute path, not \"{}\"", s.ini_dir));
  }
  const std::string& f = s.file_name;
  if (f.find("{name}") == std::string::npos || f.find('/') != std::string::npos ||
      f.size() < 4 || f.compare(f.size() - 4, 4, ".ini") != 0) {
    throw std::invalid_argument(fmt::format(
        "setting \"file_name\" must hold \"{{name}}\", no '/', and end in \".ini\" (PHP scans "
        "only *.ini), not \"{}\"",
        f));
  }
  return s;
}

}  // namespace kilter::reconciler::php_opcache
