#pragma once

// Test fixture shared by the php.opcache provider tests: a scripted host
// whose PHP reports what a test builds up.

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "reconciler/providers/php_opcache/diff.h"
#include "reconciler/providers/php_opcache/provider.h"
#include "reconciler/providers/php_opcache/settings.h"
#include "support/fake_transport.h"
#include "support/default_settings.h"

namespace kilter::reconciler::php_opcache::test {

using nlohmann::json;
using testing::FakeTransport;

constexpr int64_t kMiB = 1024 * 1024;
inline const std::string kDir = "/etc/php/8.2/fpm/conf.d";
inline const std::string kPhp =
    "env PHP_INI_SCAN_DIR=/etc/php/8.2/fpm/conf.d php8.2 -c /etc/php/8.2/fpm/php.ini";
inline const std::string kPhpCommand =
    kPhp + " -d display_errors=stderr -d display_startup_errors=1 -d log_errors=0"
           " -d html_errors=0";
inline const std::string kFile = kDir + "/90-kilter-shop.ini";

/// What the read program would print for a host, built up by a test.
struct FakePhp {
  json directives = json::object();
  json managed = json::array();
  std::vector<std::string> scanned = {kDir + "/10-opcache.ini"};
  bool opcache = true;
  std::vector<std::string> scan_dirs = {kDir};

  FakePhp() {
    for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"enable", "1"},
             {"memory_consumption", "128"},
             {"validate_timestamps", "1"},
             {"revalidate_freq", "2"},
             {"max_accelerated_files", "10000"}}) {
      directives["opcache." + name] = {{"value", value}, {"setters", json::array()}};
    }
    Set("opcache.jit", "", kDir + "/10-opcache.ini");
  }

  void Set(const std::string& directive, const std::string& value, const std::string& file) {
    directives[directive]["value"] = value;
    directives[directive]["setters"].push_back({file, value});
  }

  /// A file on the host: its directives take effect as PHP would read them.
  void AddFile(const std::string& path, const std::string& content, bool managed_file = true) {
    scanned.push_back(path);
    std::sort(scanned.begin(), scanned.end());
    size_t pos = 0;
    while (pos < content.size()) {
      size_t end = content.find('\n', pos);
      std::string line = content.substr(pos, end - pos);
      pos = end + 1;
      size_t eq = line.find('=');
      if (line.empty() || line[0] == ';' || eq == std::string::npos) continue;
      std::string value = line.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
      Set(line.substr(0, eq), value, path);
    }
    if (managed_file) managed.push_back({{"path", path}, {"content", content}});
  }

  json Report() const {
    return {{"php_version", "8.2.36"},      {"binary", "/usr/bin/php8.2"},
            {"loaded_ini", "/etc/php/8.2/fpm/php.ini"},
            {"scan_dirs", scan_dirs},        {"scanned", scanned},
            {"opcache", opcache},            {"directives", directives},
            {"unreadable", json::array()},   {"ini_dir_exists", true},
            {"managed", managed}};
  }
};

/// The check program's report: `stderr` of the candidate configuration, with
/// the candidate's directives taken from `php`.
inline json CheckReport(const FakePhp& php, int rc = 0, const std::string& err = "",
                 const std::string& baseline_err = "") {
  return {{"ini_dir_scanned", true},
          {"baseline", {{"rc", 0}, {"stderr", baseline_err}, {"directives", php.directives}}},
          {"candidate", {{"rc", rc}, {"stderr", err}, {"directives", php.directives}}}};
}

inline CommandResult Ok(const json& report) { return {0, report.dump(), ""}; }

inline catalog::Resource Shop() {
  catalog::Resource r;
  r.type = "php.opcache";
  r.name = "shop";
  r.host = "web1";
  r.fields = {{"memory_consumption", 256 * kMiB},
              {"validate_timestamps", false},
              {"revalidate_freq", 0},
              {"max_accelerated_files", 20000},
              {"jit", "off"}};
  r.field_types = {{"memory_consumption", "size"}, {"revalidate_freq", "duration"}};
  r.source = {"specs/web.kilt", 4, 1};
  return r;
}

struct Fixture {
  catalog::Host host;
  catalog::Resource shop = Shop();
  PhpOpcacheProvider provider;
  FakeTransport transport{"web1"};
  FakePhp php;

  Fixture() { host.name = "web1"; }

  ProviderContext Context(std::vector<const catalog::Resource*> desired, json settings = {}) {
    json merged = kilter::testing::DefaultSettings(provider.name());
    if (settings.is_object()) merged.update(settings);
    return ProviderContext{host, merged, std::move(desired), {}, nullptr};
  }

  /// The file kilter writes for `shop`, as the host would hold it after an apply.
  std::string Applied() {
    return RenderDesired(ParseSettings(kilter::testing::DefaultSettings(provider.name())), shop, "web1").content;
  }

  std::vector<Change> Plan(const ProviderContext& context) {
    transport.On(kPhpCommand, Ok(php.Report()));
    LiveState live = provider.Read(transport, context);
    return provider.Diff(context, live);
  }
};

inline const FieldChange* FieldOf(const Change& c, const std::string& field) {
  for (const FieldChange& f : c.fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

}  // namespace kilter::reconciler::php_opcache::test
