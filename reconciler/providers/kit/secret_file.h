#pragma once

#include <string>

/// A file on the host that holds a secret (a private key, an encryption
/// key), as a batch read sees it: its mode, owner and whether its digest is
/// the declared secret's; never its content (mysql.encryption,
/// tls.certificate).
namespace kilter::reconciler::kit {

struct SecretFileRead {
  bool exists = false;
  bool same = false;  ///< its SHA-256 is the declared secret's
  std::string mode;   ///< octal, "600"
  std::string owner;
};

/// The shell command (for ReadBatch::AddCommand) that prints the mode, the
/// owner and the SHA-256 of `path`, and nothing when it does not exist.
std::string SecretFileCommand(const std::string& path);

/// What SecretFileCommand printed, the digest compared with `declared`'s
/// (an empty declared secret is never the same).
SecretFileRead ParseSecretFile(const std::string& out, const std::string& declared);

}  // namespace kilter::reconciler::kit
