#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler {

/// The key of the keyed fingerprints a saved plan holds for its secrets (and
/// for the live objects of its hosts). It is never written into a plan, so a
/// reader of the plan cannot test guesses of a secret against it
/// (docs/secrets.md).
class SecretKey {
 public:
  /// A key of the given bytes (at least kMinBytes).
  explicit SecretKey(std::string bytes);

  static constexpr size_t kMinBytes = 16;

  /// 16 hex digits that name the key without revealing it.
  const std::string& id() const { return id_; }
  const std::string& bytes() const { return bytes_; }

  /// "hmac-sha256:ID:MAC", MAC over `context` (what the value is, e.g. the
  /// resource address and field) and `value`: equal secrets in two places
  /// get unrelated fingerprints.
  std::string Fingerprint(std::string_view context, std::string_view value) const;

 private:
  std::string bytes_;
  std::string id_;
};

/// kilter's state directory of the user running it: $XDG_STATE_HOME/kilter,
/// else ~/.local/state/kilter. Empty when neither variable is set.
std::string UserStateDir();

/// The key file: secret.key in UserStateDir(). Empty when that is.
std::string SecretKeyPath();

/// KILTER_SECRET_KEY when set, else the key file, created (32 random bytes,
/// hex, mode 0600) on first use. Throws std::runtime_error saying what to set.
SecretKey LoadSecretKey();

}  // namespace kilter::reconciler
