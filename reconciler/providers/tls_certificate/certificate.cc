#include "reconciler/providers/tls_certificate/certificate.h"

#include <fmt/format.h>

#include <stdexcept>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/need_tool.h"
#include "reconciler/providers/kit/nginx_name.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::tls_certificate {

using nlohmann::json;

namespace {

const char kType[] = "tls.certificate";

/// PEM text as a file holds it: ending in one newline.
std::string Terminated(const std::string& pem) {
  std::string out = catalog::Trim(pem);
  return out.empty() ? out : out + "\n";
}

std::vector<std::string> Strings(const json& list) {
  std::vector<std::string> out;
  for (const json& s : list) out.push_back(s.get<std::string>());
  return out;
}

std::string Fingerprints(const std::vector<kit::Certificate>& chain) {
  std::string out;
  for (const kit::Certificate& c : chain) out += (out.empty() ? "" : " ") + c.sha256;
  return out;
}

/// The s_client flag that offers only `protocol`.
std::string ProtocolFlag(const std::string& protocol) {
  if (protocol == "TLSv1") return "-tls1";
  if (protocol == "TLSv1.1") return "-tls1_1";
  if (protocol == "TLSv1.2") return "-tls1_2";
  return "-tls1_3";
}

std::string Connect(const Settings& s, int64_t port, const std::string& server_name) {
  return kit::NeedTool(s.openssl, "openssl", "tls.certificate handshakes run it there", kType,
                       "openssl") +
         fmt::format(
             "timeout 10 {} s_client -connect 127.0.0.1:{} {}", ShellQuote(s.openssl), port,
             server_name.empty() ? "-noservername" : "-servername " + ShellQuote(server_name));
}

}  // namespace

Settings Settings::From(const json& settings) { return TypedSettings<Settings>(settings, kType); }

const std::vector<std::string>& KnownProtocols() {
  static const std::vector<std::string> kProtocols = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
  return kProtocols;
}

Declared Declared::From(const catalog::Resource& r) {
  const json& f = r.fields;
  Declared d;
  d.name = r.name;
  d.host = r.host;
  d.certificate = Terminated(f.value("certificate", "")) + Terminated(f.value("chain", ""));
  d.key = f.value("key", "");
  d.server_names = Strings(f.at("server_names"));
  d.listen = f.value("listen", int64_t{443});
  d.default_server = f.value("default_server", true);
  d.protocols = Strings(f.at("protocols"));
  d.ciphers = f.value("ciphers", "HIGH:!aNULL:!MD5");
  d.renew_before_s = f.value("renew_before", int64_t{21} * 86400 * 1000) / 1000;
  std::string where = fmt::format("{}: {}", r.host, r.Address());
  if (!kit::IsNginxName(r.name, true)) {
    throw ProviderError(where +
                        ": a certificate name may hold only letters, digits, '.', '_' and "
                        "'-' (it names its files on the host)");
  }
  try {
    d.chain = kit::ParseCertificates(d.certificate);
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: certificate and chain: {}", where, e.what()));
  }
  if (d.chain.empty()) {
    throw ProviderError(
        fmt::format("{}: certificate: no -----BEGIN CERTIFICATE----- block", where));
  }
  if (std::optional<std::string> bad = kit::KeyMismatch(d.certificate, d.key)) {
    throw ProviderError(fmt::format(
        "{}: the key does not match the certificate (subject {}, SHA-256 {}): {}; nothing was "
        "changed",
        where, d.chain.front().subject, d.chain.front().sha256, *bad));
  }
  // Named apart from the fields: a certificate read with file() is a
  // secret to the engine, which would hide every text holding its values.
  d.recorded = f;
  d.recorded.erase("key");
  d.recorded.erase("certificate");
  d.recorded.erase("chain");
  d.recorded["certificate_sha256"] = d.chain.front().sha256;
  d.recorded["chain_sha256"] = Fingerprints(std::vector(d.chain.begin() + 1, d.chain.end()));
  return d;
}

std::string Declared::Address() const { return catalog::Address(kType, name, host); }

std::string Declared::ConfPath(const Settings& s) const {
  return s.conf_dir + "/kilter-tls-" + name + ".conf";
}

std::string Declared::CertPath(const Settings& s) const {
  return fmt::format("{}/kilter-tls-{}-{}.crt", s.cert_dir, name, Fingerprint().substr(0, 16));
}

std::string Declared::KeyPath(const Settings& s) const {
  return fmt::format("{}/kilter-tls-{}-{}.key", s.cert_dir, name, Fingerprint().substr(0, 16));
}

std::string RenderConf(const Declared& d, const Settings& s) {
  std::string names;
  for (const std::string& n : d.server_names) names += " " + n;
  std::string protocols;
  for (const std::string& p : d.protocols) protocols += " " + p;
  std::string body = fmt::format(
      "server {{\n"
      "    listen {} ssl{};\n"
      "    server_name{};\n"
      "    ssl_certificate {};\n"
      "    ssl_certificate_key {};\n"
      "    ssl_protocols{};\n"
      "    ssl_ciphers {};\n"
      "}}\n",
      d.listen, d.default_server ? " default_server" : "", names, d.CertPath(s), d.KeyPath(s),
      protocols, d.ciphers);
  return kit::Render(
      {kType, d.name, d.host, kit::Comment::kHash, "", {{"fields", d.recorded.dump()}}, body});
}

std::string FileOwner(const std::string& path) {
  std::string base = path.substr(path.rfind('/') + 1);
  const std::string prefix = "kilter-tls-";
  const size_t tail = 1 + 16 + 4;  // "-" FINGERPRINT ".crt"
  if (base.size() <= prefix.size() + tail || base.rfind(prefix, 0) != 0) return "";
  std::string ext = base.substr(base.size() - 4);
  std::string fingerprint = base.substr(base.size() - 20, 16);
  if ((ext != ".crt" && ext != ".key") || base[base.size() - 21] != '-' ||
      fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return "";
  }
  return base.substr(prefix.size(), base.size() - prefix.size() - tail);
}

std::string HandshakeScript(const Settings& s, int64_t port, const std::string& server_name) {
  return Connect(s, port, server_name) + " -showcerts </dev/null 2>&1\n";
}

std::string OfferScript(const Settings& s, int64_t port, const std::string& server_name,
                        const std::string& protocol) {
  return Connect(s, port, server_name) +
         fmt::format(" {} -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >/dev/null 2>&1\n",
                     ProtocolFlag(protocol));
}

}  // namespace kilter::reconciler::tls_certificate
