#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/provider.h"
#include "reconciler/providers/tls_certificate/certificate.h"
#include "reconciler/providers/tls_certificate/served.h"

/// What one read of a host found for tls.certificate: kilter's server
/// blocks, certificate and key files, the host's clock, and per declared
/// certificate its files and handshakes. The key is never read: only its
/// mode and whether its digest is the declared key's.
namespace kilter::reconciler::tls_certificate {

/// The certificate file a declared resource names.
struct CertRead {
  bool exists = false;
  std::string content;  ///< PEM: public

  /// The SHA-256 of the first certificate in the file ("" when none parses).
  std::string Fingerprint() const;
  /// Why the file must be written: missing, or holding another certificate
  /// (its fingerprint, the declared one, and what nginx serves).
  std::string Why(const std::string& path, const Declared& declared,
                  const std::vector<Handshake>& handshakes) const;
};

/// The key file a declared resource names: never its content.
struct KeyRead {
  bool exists = false;
  bool same = false;  ///< its SHA-256 is the declared key's
  std::string mode;   ///< octal, "600"

  bool Ok() const { return exists && same && mode == "600"; }
  std::string Why(const std::string& path) const;
};

struct ResourceRead {
  CertRead cert;
  KeyRead key;
  std::vector<Handshake> handshakes;  ///< each server name, then no SNI
  std::vector<std::string> offered;   ///< protocols left out that nginx accepted
  std::vector<std::string> stale;     ///< this resource's files the declared ones replace

  /// The change's `live`: files, served fingerprints, never the key. Its
  /// members are not named after fields: the engine redacts a sensitive
  /// field's member of `live` and every text that holds its values.
  nlohmann::json Live(const Declared& declared, const Settings& settings) const;
  /// What a saved plan's staleness check compares (not the handshakes).
  std::string Digest() const;
};

struct HostRead {
  int64_t now = 0;                                ///< the host's clock, or --now
  std::map<std::string, std::string> confs;       ///< kilter-tls-*.conf by path
  std::vector<std::string> cert_files;            ///< kilter-tls-* in cert_dir
  std::map<std::string, ResourceRead> resources;  ///< by declared name

  nlohmann::json ToJson() const;
  static HostRead FromJson(const nlohmann::json& j);
};

/// One batch: the server blocks, the files of cert_dir, the clock, each
/// declared certificate's file and key digest, and its handshakes (in the
/// background, at once).
HostRead ReadHost(Transport& transport, const ProviderContext& context, const Settings& settings);

}  // namespace kilter::reconciler::tls_certificate
