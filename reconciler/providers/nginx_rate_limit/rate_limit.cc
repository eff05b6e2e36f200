#include "reconciler/providers/nginx_rate_limit/rate_limit.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/kit/nginx_name.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::nginx_rate_limit {

using nlohmann::json;

namespace {

const char kType[] = "nginx.rate_limit";

/// nginx's size syntax: "10m", "64k", else bytes.
std::string NginxSize(int64_t bytes) {
  if (bytes % (1 << 20) == 0) return fmt::format("{}m", bytes >> 20);
  if (bytes % (1 << 10) == 0) return fmt::format("{}k", bytes >> 10);
  return std::to_string(bytes);
}

std::string Own(const RateLimit& l, std::string body) {
  return kit::Render(
      {kType, l.name, l.host, kit::Comment::kHash, "", {{"fields", l.fields.dump()}}, body});
}

}  // namespace

Settings Settings::From(const json& settings) { return TypedSettings<Settings>(settings, kType); }

RateLimit RateLimit::From(const catalog::Resource& r) {
  if (!kit::IsNginxName(r.name, false)) {
    throw ProviderError(r.Address() +
                        ": a rate limit name may hold only letters, digits, '_' and '-' (it names "
                        "nginx zones and a variable)");
  }
  RateLimit l;
  l.name = r.name;
  l.host = r.host;
  l.fields = r.fields;
  const json& f = r.fields;
  l.zone_key = f.value("zone_key", "$binary_remote_addr");
  l.rate = f.at("rate").get<std::string>();
  l.burst = f.value("burst", int64_t{0});
  l.nodelay = f.value("nodelay", false);
  l.status = f.value("status", int64_t{429});
  l.locations = f.at("locations").get<std::vector<std::string>>();
  l.connections = f.value("connections", int64_t{0});
  l.zone_size = f.value("zone_size", int64_t{10 << 20});
  l.allow = f.value("allow", std::vector<std::string>{});
  return l;
}

std::string RateLimit::Address() const { return catalog::Address(kType, name, host); }

std::string RateLimit::ZonesPath(const Settings& s) const {
  return s.conf_dir + "/kilter-rate-limit-" + name + ".conf";
}

std::string RateLimit::SnippetPath(const Settings& s) const {
  return s.snippet_dir + "/kilter-rate-limit-" + name + ".conf";
}

std::string RateLimit::Ident() const {
  std::string ident = "kilter_rl_" + name;
  for (char& c : ident) {
    if (c == '-') c = '_';
  }
  return ident;
}

std::string RenderZones(const RateLimit& l) {
  std::string id = l.Ident();
  std::string body = fmt::format("geo ${}_allowed {{\n    default 0;\n", id);
  for (const std::string& cidr : l.allow) body += fmt::format("    {} 1;\n", cidr);
  body += "}\n";
  body += fmt::format("map ${}_allowed ${} {{\n    1 \"\";\n    default \"{}\";\n}}\n", id, id,
                      l.zone_key);
  body += fmt::format("limit_req_zone ${} zone={}:{} rate={};\n", id, id, NginxSize(l.zone_size),
                      l.rate);
  if (l.connections > 0) {
    body += fmt::format("limit_conn_zone ${} zone={}_conn:{};\n", id, id, NginxSize(l.zone_size));
  }
  return Own(l, body);
}

std::string RenderSnippet(const RateLimit& l) {
  std::string id = l.Ident();
  std::string body = fmt::format("limit_req zone={}", id);
  if (l.burst > 0) body += fmt::format(" burst={}", l.burst);
  if (l.nodelay) body += " nodelay";
  body += fmt::format(";\nlimit_req_status {};\n", l.status);
  if (l.connections > 0) {
    body +=
        fmt::format("limit_conn {}_conn {};\nlimit_conn_status {};\n", id, l.connections, l.status);
  }
  return Own(l, body);
}

}  // namespace kilter::reconciler::nginx_rate_limit
