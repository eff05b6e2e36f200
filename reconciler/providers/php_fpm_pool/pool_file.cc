#include "reconciler/providers/php_fpm_pool/pool_file.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "reconciler/providers/kit/owned_file.h"

namespace kilter::reconciler::php_fpm_pool {

using nlohmann::json;

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

/// A size in PHP's shorthand, in the largest unit that divides it.
std::string Shorthand(int64_t bytes) {
  const std::pair<int64_t, const char*> units[] = {{1LL << 30, "G"}, {1LL << 20, "M"}, {1LL << 10, "K"}};
  for (const auto& [factor, unit] : units) {
    if (bytes % factor == 0) return fmt::format("{}{}", bytes / factor, unit);
  }
  return std::to_string(bytes);
}

/// "php_admin_value[ memory_limit ]" as FPM keys it: no blanks in the brackets.
std::string DirectiveKey(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

/// An INI value without its quotes and trailing comment.
std::string IniValue(const std::string& raw) {
  std::string v = Trim(raw);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) {
    size_t close = v.find(v.front(), 1);
    if (close != std::string::npos) return v.substr(1, close - 1);
  }
  size_t comment = v.find(';');
  return comment == std::string::npos ? v : Trim(v.substr(0, comment));
}

/// A number followed by one of `suffixes` (case-insensitive) times its factor,
/// or `value` itself when it is not one.
std::string Scaled(const std::string& value, const std::map<char, int64_t>& suffixes) {
  std::string v = value;
  int64_t factor = 1;
  if (!v.empty() && !std::isdigit(static_cast<unsigned char>(v.back()))) {
    auto it = suffixes.find(static_cast<char>(std::tolower(static_cast<unsigned char>(v.back()))));
    if (it == suffixes.end()) return value;
    factor = it->second;
    v.pop_back();
  }
  if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(c); })) {
    return value;
  }
  return std::to_string(std::stoll(v) * factor);
}

}  // namespace

std::vector<Directive> DeclaredDirectives(const catalog::Resource& r) {
  const json& f = r.fields;
  std::vector<Directive> out = {
      {"listen", f.at("listen").get<std::string>()},
      {"user", f.at("user").get<std::string>()},
      {"group", f.at("group").get<std::string>()},
      {"pm", f.at("pm").get<std::string>()},
      {"pm.max_children", std::to_string(f.at("max_children").get<int64_t>())},
      {"pm.start_servers", std::to_string(f.at("start_servers").get<int64_t>())},
      {"pm.min_spare_servers", std::to_string(f.at("min_spare_servers").get<int64_t>())},
      {"pm.max_spare_servers", std::to_string(f.at("max_spare_servers").get<int64_t>())},
      {"pm.max_requests", std::to_string(f.at("max_requests").get<int64_t>())},
      {"request_terminate_timeout",
       std::to_string(f.at("request_terminate_timeout").get<int64_t>() / 1000) + "s"},
  };
  std::string status = f.at("status_path").get<std::string>();
  if (!status.empty()) out.push_back({"pm.status_path", status});
  out.push_back({"php_admin_value[memory_limit]", Shorthand(f.at("memory_limit").get<int64_t>())});
  for (const auto& [key, value] : f.at("php_admin_value").items()) {
    out.push_back({"php_admin_value[" + key + "]", value.get<std::string>()});
  }
  return out;
}

std::string RenderFile(const catalog::Resource& resource, const std::string& host) {
  kit::FileToOwn file{kType, resource.name, host, kit::Comment::kSemicolon, "", {}, ""};
  file.body = "[" + resource.name + "]\n";
  for (const Directive& d : DeclaredDirectives(resource)) file.body += d.name + " = " + d.value + "\n";
  return kit::Render(file);
}

std::string Canonical(const std::string& name, const std::string& value) {
  std::string v = Trim(value);
  if (name == "request_terminate_timeout") {
    return Scaled(v, {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}});
  }
  if (name == "php_admin_value[memory_limit]") {
    return Scaled(v, {{'k', 1LL << 10}, {'m', 1LL << 20}, {'g', 1LL << 30}});
  }
  return v;
}

PersistedPools::PersistedPools(const std::vector<PoolFile>& files) {
  for (const PoolFile& file : files) {
    std::string pool;
    size_t start = 0;
    while (start < file.content.size()) {
      size_t end = file.content.find('\n', start);
      if (end == std::string::npos) end = file.content.size();
      std::string line = Trim(file.content.substr(start, end - start));
      start = end + 1;
      if (line.empty() || line[0] == ';' || line[0] == '#') continue;
      if (line.front() == '[' && line.back() == ']') {
        pool = Trim(line.substr(1, line.size() - 2));
        if (pool == "global") pool.clear();
        if (!pool.empty()) {
          std::vector<std::string>& of = files_[pool];
          if (of.empty() || of.back() != file.path) of.push_back(file.path);
          pools_[pool];
        }
        continue;
      }
      size_t eq = line.find('=');
      if (pool.empty() || eq == std::string::npos) continue;
      std::string value = IniValue(line.substr(eq + 1));
      for (size_t at = value.find("$pool"); at != std::string::npos; at = value.find("$pool", at)) {
        value.replace(at, 5, pool);
        at += pool.size();
      }
      pools_[pool].push_back({DirectiveKey(Trim(line.substr(0, eq))), {value, file.path}});
    }
  }
}

std::vector<std::string> PersistedPools::Pools() const {
  std::vector<std::string> out;
  for (const auto& [pool, assignments] : pools_) out.push_back(pool);
  return out;
}

std::vector<std::string> PersistedPools::DirectivesOf(const std::string& pool) const {
  std::vector<std::string> out;
  auto it = pools_.find(pool);
  if (it == pools_.end()) return out;
  for (const auto& [directive, assignment] : it->second) {
    if (std::find(out.begin(), out.end(), directive) == out.end()) out.push_back(directive);
  }
  return out;
}

std::optional<Assignment> PersistedPools::Effective(const std::string& pool,
                                                    const std::string& directive,
                                                    const std::vector<std::string>& skip) const {
  auto it = pools_.find(pool);
  if (it == pools_.end()) return std::nullopt;
  std::optional<Assignment> found;
  for (const auto& [name, a] : it->second) {
    if (name != directive) continue;
    if (std::find(skip.begin(), skip.end(), a.file) != skip.end()) continue;
    found = a;
  }
  return found;
}

std::vector<std::string> PersistedPools::FilesOf(const std::string& pool) const {
  auto it = files_.find(pool);
  return it == files_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace kilter::reconciler::php_fpm_pool
