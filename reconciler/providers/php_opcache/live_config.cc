#include "reconciler/providers/php_opcache/live_config.h"

#include <limits>
#include <stdexcept>

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

namespace {

const json& Member(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) {
    throw std::invalid_argument(std::string("no \"") + key + "\" in PHP's report");
  }
  return object.at(key);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::pair<int, std::string> LiveConfig::Order(const std::string& file) const {
  if (loaded_ini && file == *loaded_ini) return {-1, ""};
  std::string dir = DirName(file);
  for (size_t i = 0; i < scan_dirs.size(); ++i) {
    if (scan_dirs[i] == dir) return {static_cast<int>(i), BaseName(file)};
  }
  return {std::numeric_limits<int>::max(), file};
}

std::map<std::string, EffectiveDirective> ParseDirectives(const json& j) {
  std::map<std::string, EffectiveDirective> out;
  if (!j.is_object()) return out;
  for (const auto& [name, d] : j.items()) {
    EffectiveDirective e;
    e.value = Member(d, "value");
    for (const json& s : Member(d, "setters")) {
      e.setters.push_back({s.at(0).get<std::string>(), s.at(1).get<std::string>()});
    }
    out[name] = std::move(e);
  }
  return out;
}

LiveConfig ParseLiveConfig(const json& j) {
  try {
    LiveConfig c;
    c.php_version = Member(j, "php_version").get<std::string>();
    c.binary = Member(j, "binary").get<std::string>();
    const json& loaded = Member(j, "loaded_ini");
    if (loaded.is_string()) c.loaded_ini = loaded.get<std::string>();
    c.scan_dirs = Member(j, "scan_dirs").get<std::vector<std::string>>();
    c.scanned = Member(j, "scanned").get<std::vector<std::string>>();
    c.opcache_loaded = Member(j, "opcache").get<bool>();
    c.directives = ParseDirectives(Member(j, "directives"));
    c.unreadable = Member(j, "unreadable").get<std::vector<std::string>>();
    c.ini_dir_exists = Member(j, "ini_dir_exists").get<bool>();
    for (const json& m : Member(j, "managed")) {
      std::string path = Member(m, "path").get<std::string>();
      std::optional<kit::OwnedFile> file =
          kit::ReadOwned(path, Member(m, "content").get<std::string>(), kit::Comment::kSemicolon);
      if (file) c.managed.push_back(std::move(*file));
    }
    if (j.contains("startup_errors")) c.startup_errors = j["startup_errors"].get<std::string>();
    return c;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("malformed report from PHP: ") + e.what());
  }
}

}  // namespace kilter::reconciler::php_opcache
