#include "reconciler/providers/nginx_upstream/upstream.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/kit/nginx_name.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::nginx_upstream {

using nlohmann::json;

Settings Settings::From(const json& settings) {
  return TypedSettings<Settings>(settings, "nginx.upstream");
}

Upstream Upstream::From(const catalog::Resource& r) {
  if (!kit::IsNginxName(r.name, true)) {
    throw ProviderError(r.Address() +
                        ": an upstream name may hold only letters, digits, '.', '_' and '-' (it "
                        "names the nginx upstream that proxy_pass uses)");
  }
  Upstream u;
  u.name = r.name;
  u.host = r.host;
  u.fields = r.fields;
  const json& f = r.fields;
  u.servers = kit::NginxServers(f.at("servers"));
  u.balance = f.value("balance", "round_robin");
  u.keepalive = f.value("keepalive", int64_t{0});
  u.drain_timeout = std::chrono::milliseconds(f.value("drain_timeout", int64_t{60000}));
  return u;
}

std::string Upstream::Address() const { return catalog::Address("nginx.upstream", name, host); }

std::string Upstream::ConfPath(const Settings& s) const {
  return s.conf_dir + "/kilter-upstream-" + name + ".conf";
}

std::string RenderConf(const Upstream& u) {
  std::string body = fmt::format("upstream {} {{\n", u.name);
  if (u.balance != "round_robin") body += "    " + u.balance + ";\n";
  for (const kit::NginxServer& s : u.servers) body += kit::NginxServerLine(s);
  if (u.keepalive > 0) body += fmt::format("    keepalive {};\n", u.keepalive);
  body += "}\n";
  return kit::Render({"nginx.upstream", u.name, u.host, kit::Comment::kHash, "",
                      {{"fields", u.fields.dump()}}, body});
}

std::vector<std::string> DrainedAddresses(const json& fields) {
  std::vector<std::string> drained;
  if (!fields.is_object() || !fields.contains("servers")) return drained;
  for (const json& s : fields["servers"]) {
    if (s.value("drain", false)) drained.push_back(s.value("address", ""));
  }
  return drained;
}

}  // namespace kilter::reconciler::nginx_upstream
