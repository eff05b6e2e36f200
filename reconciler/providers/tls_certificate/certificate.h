#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/x509.h"

/// A declared tls.certificate as the provider works with it: its files on
/// the host, the server block it renders, and the handshakes that check
/// what nginx serves.
namespace kilter::reconciler::tls_certificate {

/// Provider settings ([providers."tls.certificate"]), declared with their
/// defaults in stdlib/schemas/tls.kilt (`settings tls.certificate`).
struct Settings {
  std::string conf_dir;  ///< one server block per certificate, included inside http {}
  std::string cert_dir;  ///< the certificate and key files
  std::string nginx;     ///< the command that runs nginx, for -t, -s reload and -T
  std::string openssl;   ///< the command the handshakes run on the host

  /// The settings the catalog carries; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, conf_dir, cert_dir, nginx, openssl)

/// The protocols a server may offer, as ssl_protocols names them.
const std::vector<std::string>& KnownProtocols();

/// A tls.certificate resource, its PEM parsed and its key proven to match.
struct Declared {
  std::string name;
  std::string host;
  std::string certificate;  ///< the certificate and the chain, PEM, as the .crt file holds them
  std::string key;          ///< the private key, PEM: never shown, never recorded
  std::vector<kit::Certificate> chain;  ///< parsed from `certificate`, the server's own first
  std::vector<std::string> server_names;
  int64_t listen = 443;
  bool default_server = true;  ///< nginx's default on `listen`: served without SNI too
  std::vector<std::string> protocols;
  std::string ciphers;
  int64_t renew_before_s = 0;
  /// The fields the server block records (`kilter-fields`): the key left
  /// out, the certificate and chain as their fingerprints
  /// (certificate_sha256, chain_sha256).
  nlohmann::json recorded;

  /// Throws ProviderError naming host and resource when the name cannot
  /// name files, the certificate or chain is not PEM, or the key is not the certificate's (the
  /// schema checked everything else).
  static Declared From(const catalog::Resource& resource);

  std::string Address() const;
  /// The certificate's own fingerprint (the first of the chain).
  const std::string& Fingerprint() const { return chain.front().sha256; }
  /// CONF_DIR/kilter-tls-NAME.conf
  std::string ConfPath(const Settings& s) const;
  /// CERT_DIR/kilter-tls-NAME-FINGERPRINT.crt (.key): a new certificate gets
  /// new files, so the files nginx serves stay until the reload took.
  std::string CertPath(const Settings& s) const;
  std::string KeyPath(const Settings& s) const;
};

/// The owned server block: listen ssl, server_name, the certificate and
/// key, protocols and ciphers, under kilter's mark with the recorded fields.
std::string RenderConf(const Declared& declared, const Settings& settings);

/// The resource whose certificate or key file `path` is
/// (".../kilter-tls-NAME-FINGERPRINT.crt" or ".key"), or "" for another file.
std::string FileOwner(const std::string& path);

/// A handshake from the host to 127.0.0.1:`port` that prints the served
/// chain (`openssl s_client -showcerts`): with `server_name` as SNI, or none
/// when it is "". Exits as s_client does; 127 when openssl is missing.
std::string HandshakeScript(const Settings& settings, int64_t port, const std::string& server_name);

/// A handshake that offers only `protocol` ("TLSv1.1"), at OpenSSL's
/// security level 0 so that the client side refuses nothing: exit 0 when
/// the server accepts it.
std::string OfferScript(const Settings& settings, int64_t port, const std::string& server_name,
                        const std::string& protocol);

}  // namespace kilter::reconciler::tls_certificate
