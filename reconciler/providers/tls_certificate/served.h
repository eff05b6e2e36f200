#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/x509.h"

/// What nginx serves, as the handshakes from the host saw it, and its
/// judgement against the declared certificate: pure, no I/O, no clock.
namespace kilter::reconciler::tls_certificate {

/// One handshake: the name sent ("" for none), how s_client exited, the
/// chain it printed, and its last line when it failed.
struct Handshake {
  std::string server_name;
  int exit_code = 0;
  std::vector<kit::Certificate> chain;
  std::string error;

  /// "SNI shop.example" or "no SNI".
  std::string Sni() const;
};
void to_json(nlohmann::json& j, const Handshake& h);
void from_json(const nlohmann::json& j, Handshake& h);

/// The handshake of `openssl s_client -showcerts` output (HandshakeScript).
/// Throws std::invalid_argument when a certificate it printed does not parse.
Handshake ParseHandshake(const std::string& server_name, int exit_code, const std::string& out);

/// One line per handshake that failed or presented another certificate
/// than `declared` (SHA-256): "nginx serves SHA-256 X with no SNI, declared
/// SHA-256 Y".
std::vector<std::string> ServedMismatches(const std::string& declared,
                                          const std::vector<Handshake>& handshakes);

/// The certificate of `chain` that expires first (nullopt for none).
std::optional<kit::Certificate> EarliestExpiry(const std::vector<kit::Certificate>& chain);

/// The problem when `first` (EarliestExpiry) expires within `renew_before_s`
/// of `now`: its subject, the date and the days left; `where` says which
/// chain ("served", "declared").
std::optional<std::string> ExpiryProblem(const kit::Certificate& first, int64_t now,
                                         int64_t renew_before_s, const std::string& where);

/// The problem for each protocol nginx accepted that `declared` leaves out.
std::vector<std::string> OfferedProblems(const std::vector<std::string>& offered,
                                         const std::vector<std::string>& declared, int64_t port);

}  // namespace kilter::reconciler::tls_certificate
