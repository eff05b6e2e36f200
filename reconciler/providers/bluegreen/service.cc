#include "reconciler/providers/bluegreen/service.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/kit/nginx_name.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::bluegreen {

using nlohmann::json;

Settings Settings::From(const json& settings) {
  return TypedSettings<Settings>(settings, "bluegreen.service");
}

namespace {

/// host:port or [IPv6]:port: the slot's health path is requested there.
bool IsHostPort(const std::string& address) {
  size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size() ||
      colon + 6 < address.size() ||
      address.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
    return false;
  }
  int port = std::stoi(address.substr(colon + 1));
  return port >= 1 && port <= 65535 && address.find_first_of(" ;{}/") == std::string::npos;
}

}  // namespace

Service Service::From(const catalog::Resource& r) {
  Service s;
  s.name = r.name;
  s.host = r.host;
  s.fields = r.fields;
  auto fail = [&](const std::string& why) { return ProviderError(r.Address() + ": " + why); };
  if (!kit::IsNginxName(r.name, true)) {
    throw fail("a service name may hold only letters, digits, '.', '_' and '-' (it names an nginx upstream)");
  }
  const json& f = r.fields;
  for (const auto& [slot, servers] : f["slots"].items()) {
    if (!kit::IsNginxName(slot, true)) throw fail(fmt::format("slot name '{}' is not a valid name", slot));
    if (!servers.is_array() || servers.empty()) throw fail(fmt::format("slot {} has no servers", slot));
    // Per element: the language has no all() for the schema to say it.
    for (const kit::NginxServer& server : kit::NginxServers(servers)) {
      if (!IsHostPort(server.address)) {
        throw fail(fmt::format("slot {}: '{}' is not host:port (\"10.0.0.11:8080\", "
                               "\"[::1]:8080\")",
                               slot, server.address));
      }
      s.slots[slot].push_back(server);
    }
  }
  if (f.contains("versions") && f["versions"].is_object()) {
    for (const auto& [slot, version] : f["versions"].items()) {
      if (!s.slots.count(slot)) throw fail(fmt::format("versions names slot '{}', which is not in slots", slot));
      s.versions[slot] = version.get<std::string>();
    }
  }
  s.active = f.value("active", "");
  if (f.contains("frontend") && f["frontend"].is_string()) s.frontend = f["frontend"].get<std::string>();
  const json h = f.value("health", json::object());
  s.health.path = h.value("path", s.health.path);
  s.health.status = h.value("status", s.health.status);
  if (h.contains("body") && h["body"].is_string()) s.health.body = h["body"].get<std::string>();
  s.health.timeout = std::chrono::milliseconds(h.value("timeout", int64_t{2000}));
  s.health.attempts = h.value("attempts", 3);
  s.health.interval = std::chrono::milliseconds(h.value("interval", int64_t{1000}));
  s.drain_timeout = std::chrono::milliseconds(f.value("drain_timeout", int64_t{60000}));
  return s;
}

std::string Service::Address() const { return catalog::Address("bluegreen.service", name, host); }

std::string Service::UpstreamName() const { return name; }

std::string Service::ConfPath(const Settings& s) const { return s.conf_dir + "/kilter-" + name + ".conf"; }

std::string Service::Version(const std::string& slot) const {
  auto it = versions.find(slot);
  return it == versions.end() ? "" : it->second;
}

std::string RenderConf(const Service& s) {
  auto upstream = [](const std::string& name, const std::vector<kit::NginxServer>& servers) {
    std::string block = fmt::format("upstream {} {{\n", name);
    for (const kit::NginxServer& server : servers) block += kit::NginxServerLine(server);
    return block + "}\n";
  };
  std::string body = fmt::format("# Live slot: {}. proxy_pass http://{}; serves it.\n", s.active,
                                 s.UpstreamName());
  body += upstream(s.UpstreamName(), s.slots.at(s.active));
  for (const auto& [slot, servers] : s.slots) {
    body += "\n" + upstream(s.UpstreamName() + "-" + slot, servers);
  }
  return kit::Render({"bluegreen.service", s.name, s.host, kit::Comment::kHash, "",
                      {{"active", s.active}, {"fields", s.fields.dump()}}, body});
}

}  // namespace kilter::reconciler::bluegreen

namespace kilter::reconciler::bluegreen {

std::vector<std::string> ToDrain(const Service& s, const std::string& previous) {
  std::vector<std::string> addresses;
  const std::vector<kit::NginxServer>& live = s.slots.at(s.active);
  auto holds = [&](const std::string& address) {
    return std::any_of(live.begin(), live.end(),
                       [&](const kit::NginxServer& server) { return server.address == address; });
  };
  auto was = s.slots.find(previous);
  if (previous != s.active && was != s.slots.end()) {
    for (const kit::NginxServer& server : was->second) {
      if (!holds(server.address)) addresses.push_back(server.address);
    }
  }
  for (const kit::NginxServer& server : live) {
    if (server.drain) addresses.push_back(server.address);
  }
  return addresses;
}

}  // namespace kilter::reconciler::bluegreen
