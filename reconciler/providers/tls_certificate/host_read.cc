#include "reconciler/providers/tls_certificate/host_read.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/secret_file.h"

namespace kilter::reconciler::tls_certificate {

using nlohmann::json;

namespace {

std::string Key(const std::string& name, const std::string& what) { return name + " " + what; }

bool Offered(const std::vector<std::string>& protocols, const std::string& p) {
  return std::find(protocols.begin(), protocols.end(), p) != protocols.end();
}

}  // namespace

std::string CertRead::Fingerprint() const {
  try {
    std::vector<kit::Certificate> chain = kit::ParseCertificates(content);
    return chain.empty() ? "" : chain.front().sha256;
  } catch (const std::invalid_argument&) {
    return "";
  }
}

std::string CertRead::Why(const std::string& path, const Declared& d,
                          const std::vector<Handshake>& handshakes) const {
  if (!exists) return path + " does not exist";
  std::string served;
  for (const Handshake& h : handshakes) {
    if (h.exit_code != 0 || h.chain.empty()) continue;
    served += fmt::format("{}SHA-256 {} with {}", served.empty() ? "; nginx serves " : ", ",
                          h.chain.front().sha256, h.Sni());
  }
  std::string held = Fingerprint();
  return fmt::format("{} was replaced on the host: it holds {}, declared SHA-256 {}{}", path,
                     held.empty() ? "no certificate" : "SHA-256 " + held, d.Fingerprint(), served);
}

std::string KeyRead::Why(const std::string& path) const {
  if (!exists) return path + " does not exist";
  if (!same) return path + " holds another key than the declared one (compared by digest)";
  return fmt::format("{} is mode 0{}, not 0600", path, mode);
}

json ResourceRead::Live(const Declared& d, const Settings& s) const {
  json served = json::object();
  for (const Handshake& h : handshakes) {
    served[h.Sni()] = h.chain.empty() ? json(nullptr) : json(h.chain.front().sha256);
  }
  return {{"certificate_file",
           {{"path", d.CertPath(s)},
            {"exists", cert.exists},
            {"as_declared", cert.exists && cert.content == d.certificate},
            {"sha256", cert.Fingerprint()}}},
          {"key_file",
           {{"path", d.KeyPath(s)}, {"exists", key.exists}, {"ok", key.Ok()}, {"mode", key.mode}}},
          {"served", served},
          {"offered", offered},
          {"stale", stale}};
}

std::string ResourceRead::Digest() const {
  json j = {cert.content, key.exists, key.same, key.mode, stale};
  return j.dump();
}

json HostRead::ToJson() const {
  json res = json::object();
  for (const auto& [name, r] : resources) {
    res[name] = {{"cert", {{"exists", r.cert.exists}, {"content", r.cert.content}}},
                 {"key", {{"exists", r.key.exists}, {"same", r.key.same}, {"mode", r.key.mode}}},
                 {"handshakes", r.handshakes},
                 {"offered", r.offered},
                 {"stale", r.stale}};
  }
  return {{"now", now}, {"confs", confs}, {"cert_files", cert_files}, {"resources", res}};
}

HostRead HostRead::FromJson(const json& j) {
  HostRead h;
  h.now = j.at("now").get<int64_t>();
  h.confs = j.at("confs").get<std::map<std::string, std::string>>();
  h.cert_files = j.at("cert_files").get<std::vector<std::string>>();
  for (const auto& [name, r] : j.at("resources").items()) {
    ResourceRead read;
    read.cert = {r["cert"]["exists"].get<bool>(), r["cert"]["content"].get<std::string>()};
    read.key = {r["key"]["exists"].get<bool>(), r["key"]["same"].get<bool>(),
                r["key"]["mode"].get<std::string>()};
    read.handshakes = r.at("handshakes").get<std::vector<Handshake>>();
    read.offered = r.at("offered").get<std::vector<std::string>>();
    read.stale = r.at("stale").get<std::vector<std::string>>();
    h.resources[name] = std::move(read);
  }
  return h;
}

HostRead ReadHost(Transport& transport, const ProviderContext& ctx, const Settings& s) {
  kit::ReadBatch batch;
  batch.AddGlob("conf", s.conf_dir, "kilter-tls-*.conf", /*contents=*/true);
  batch.AddGlob("certs", s.cert_dir, "kilter-tls-*", /*contents=*/false);
  if (!ctx.options.now) batch.AddCommand("clock", "date +%s");
  std::vector<Declared> declared;
  for (const catalog::Resource* r : ctx.desired) {
    const Declared& d = declared.emplace_back(Declared::From(*r));
    batch.AddFile(d.CertPath(s));
    batch.AddCommand(Key(d.name, "key"), kit::SecretFileCommand(d.KeyPath(s)));
    for (const std::string& name : d.server_names) {
      batch.AddCommand(Key(d.name, "sni " + name), HandshakeScript(s, d.listen, name), "", true);
    }
    if (d.default_server) {
      batch.AddCommand(Key(d.name, "nosni"), HandshakeScript(s, d.listen, ""), "", true);
    }
    for (const std::string& p : KnownProtocols()) {
      if (Offered(d.protocols, p)) continue;
      batch.AddCommand(Key(d.name, "offers " + p),
                       OfferScript(s, d.listen, d.server_names.front(), p), "", true);
    }
  }
  kit::BatchResult read = kit::Read(transport, batch, ctx.host.name, "tls certificates");
  HostRead host;
  if (ctx.options.now) {
    host.now = *ctx.options.now;
  } else {
    const kit::CommandRead& clock = read.Command("clock");
    if (!clock.ok()) {
      throw ProviderError(fmt::format("{}: tls.certificate: `date +%s` failed: {}", ctx.host.name,
                                      catalog::Trim(clock.err)));
    }
    host.now = std::stoll(clock.out);
  }
  for (const std::string& path : read.Glob("conf")) {
    if (read.File(path).regular) host.confs[path] = read.File(path).content;
  }
  host.cert_files = read.Glob("certs");
  for (const Declared& d : declared) {
    std::string where = fmt::format("{}: {}", ctx.host.name, d.Address());
    ResourceRead r;
    const kit::FileRead& cert = read.File(d.CertPath(s));
    r.cert = {cert.regular, cert.content};
    const kit::CommandRead& key = read.Command(Key(d.name, "key"));
    if (!key.ok()) {
      throw ProviderError(fmt::format("{}: cannot read the key file {} (exit {}): {}", where,
                                      d.KeyPath(s), key.exit_code, catalog::Trim(key.err)));
    }
    kit::SecretFileRead file = kit::ParseSecretFile(key.out, d.key);
    r.key = {file.exists, file.same, file.mode};
    std::vector<std::string> probes;
    for (const std::string& name : d.server_names) probes.push_back(name);
    if (d.default_server) probes.push_back("");
    for (const std::string& name : probes) {
      const kit::CommandRead& h = read.Command(Key(d.name, name.empty() ? "nosni" : "sni " + name));
      if (h.exit_code == 127) {
        throw ProviderError(fmt::format("{}: {}", where, catalog::Trim(h.err)));
      }
      try {
        r.handshakes.push_back(ParseHandshake(name, h.exit_code, h.out));
      } catch (const std::invalid_argument& e) {
        throw ProviderError(
            fmt::format("{}: the handshake with {} printed a certificate that "
                        "does not parse: {}",
                        where, name.empty() ? "no SNI" : "SNI " + name, e.what()));
      }
    }
    for (const std::string& p : KnownProtocols()) {
      if (!Offered(d.protocols, p) && read.Command(Key(d.name, "offers " + p)).ok()) {
        r.offered.push_back(p);
      }
    }
    for (const std::string& path : host.cert_files) {
      if (FileOwner(path) == d.name && path != d.CertPath(s) && path != d.KeyPath(s)) {
        r.stale.push_back(path);
      }
    }
    host.resources[d.name] = std::move(r);
  }
  return host;
}

}  // namespace kilter::reconciler::tls_certificate
