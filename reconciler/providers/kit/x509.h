#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// X.509 certificates and private keys read in-process with OpenSSL: what a
/// type that installs or checks certificates (tls.certificate) compares and
/// reports. No I/O: the PEM text comes from the specs or from a handshake's
/// output.
namespace kilter::reconciler::kit {

/// One certificate as messages and metrics name it.
struct Certificate {
  std::string subject;    ///< RFC 2253: "CN=shop.example,O=Shop"
  std::string sha256;     ///< of the DER encoding, lower-case hex: the fingerprint
  int64_t not_after = 0;  ///< seconds since the Unix epoch
};

/// Every certificate in `pem` (text outside the PEM blocks ignored, as
/// `openssl s_client -showcerts` prints them), in order. Throws
/// std::invalid_argument naming the block that does not parse.
std::vector<Certificate> ParseCertificates(const std::string& pem);

/// Why the private key `key_pem` is not the key of the first certificate in
/// `cert_pem` ("the key is not a PEM private key", or both public keys
/// described); nullopt when it is.
std::optional<std::string> KeyMismatch(const std::string& cert_pem, const std::string& key_pem);

/// "2026-12-17 10:00:00 UTC".
std::string UtcTime(int64_t seconds);

}  // namespace kilter::reconciler::kit
