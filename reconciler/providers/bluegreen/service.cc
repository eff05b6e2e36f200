#include "reconciler/providers/bluegreen/service.h"

#include <sstream>
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

Server ParseServer(const std::string& text) {
  std::istringstream in(text);
  Server server;
  if (!(in >> server.address)) throw std::invalid_argument("empty server");
  size_t colon = server.address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == server.address.size() ||
      server.address.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
    throw std::invalid_argument(fmt::format("'{}' is not host:port", server.address));
  }
  int port = std::stoi(server.address.substr(colon + 1));
  if (port < 1 || port > 65535) throw std::invalid_argument(fmt::format("port {} is out of range", port));
  std::string word;
  while (in >> word) {
    std::string key = word.substr(0, word.find('='));
    bool has_value = word.find('=') != std::string::npos;
    bool known = key == "backup" || key == "down" ? !has_value
                                 : has_value && (key == "weight" || key == "max_fails" ||
                                                 key == "fail_timeout" || key == "max_conns");
    if (!known) {
      throw std::invalid_argument(fmt::format(
          "unknown server parameter '{}' (weight=N max_fails=N fail_timeout=T max_conns=N backup down)",
          word));
    }
    server.parameters += (server.parameters.empty() ? "" : " ") + word;
  }
  return server;
}

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
    for (const json& text : servers) {
      try {
        s.slots[slot].push_back(ParseServer(text.get<std::string>()));
      } catch (const std::exception& e) {
        throw fail(fmt::format("slot {}: {}", slot, e.what()));
      }
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
  auto upstream = [](const std::string& name, const std::vector<Server>& servers) {
    std::string block = fmt::format("upstream {} {{\n", name);
    for (const Server& server : servers) {
      block += fmt::format("    server {}{}{};\n", server.address, server.parameters.empty() ? "" : " ",
                           server.parameters);
    }
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
