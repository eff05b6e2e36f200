#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// OpenSSH known_hosts files, read by kilter itself: libssh2 ignores the
/// `@revoked` marker and cannot say which key types a host is known by.
namespace kilter::reconciler {

/// One key line of a known_hosts file.
struct KnownHostEntry {
  enum class Marker { kNone, kRevoked, kCertAuthority };
  Marker marker = Marker::kNone;
  std::string patterns;  ///< the host field: "a,b,[c]:2222", "!bad,*.example" or "|1|salt|hash"
  std::string key_type;  ///< "ssh-ed25519", "ecdsa-sha2-nistp256", ...
  std::string key;       ///< the decoded public key blob
  int line = 0;          ///< 1-based line in the file
};

/// The key lines of `text`; comments, blank lines, unknown markers and lines
/// that are not `[@marker] hosts type base64 [comment]` are skipped, as
/// OpenSSH does.
std::vector<KnownHostEntry> ParseKnownHosts(std::string_view text);

/// The name a host goes by in known_hosts: "host" on port 22, else "[host]:port".
std::string KnownHostName(const std::string& host, int port);

/// Whether `entry` names `name` (a KnownHostName): a hashed entry by its
/// HMAC-SHA1, a plain one by its comma-separated patterns (`*` and `?`
/// wildcards, case-insensitive, any matching `!pattern` vetoes).
bool MatchesHost(const KnownHostEntry& entry, const std::string& name);

/// The key type a public key blob declares (its first SSH string), or "".
std::string KeyTypeOfBlob(std::string_view blob);

/// "SHA256:" and the unpadded base64 SHA-256 of the key blob, as `ssh-keygen -l` prints it.
std::string HostKeyFingerprint(std::string_view blob);

/// What known_hosts says about the key a server presented.
struct HostKeyVerdict {
  enum class Status {
    kTrusted,  ///< a plain entry for this host holds exactly this key
    kUnknown,  ///< no plain entry for this host holds a key of this type
    kChanged,  ///< an entry for this host holds a different key of this type
    kRevoked,  ///< an @revoked entry for this host holds this key
  };
  Status status = Status::kUnknown;
  const KnownHostEntry* entry = nullptr;  ///< the deciding line (kTrusted, kChanged, kRevoked)
};

/// Judges `blob` for `name`. @revoked wins over everything; @cert-authority
/// lines are not trusted as host keys (kilter does not accept certificates).
HostKeyVerdict CheckHostKey(const std::vector<KnownHostEntry>& entries, const std::string& name,
                            std::string_view blob);

/// The key types known_hosts trusts for `name`, in file order without
/// duplicates: what the client offers as host-key algorithms, so a server
/// cannot dodge the check by presenting a key of another type.
std::vector<std::string> TrustedKeyTypes(const std::vector<KnownHostEntry>& entries,
                                         const std::string& name);

}  // namespace kilter::reconciler
