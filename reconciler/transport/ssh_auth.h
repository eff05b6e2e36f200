#pragma once

#include <string>

typedef struct _LIBSSH2_SESSION LIBSSH2_SESSION;

namespace kilter::reconciler {

/// Authenticates `user` by public key only: with `identity` when the
/// inventory names a key file (that key alone, so the inventory decides),
/// else with every key ssh-agent holds and then ~/.ssh/id_ed25519,
/// id_ecdsa and id_rsa. Throws TransportError naming `host`, `where`
/// (user@address:port) and what was tried.
void AuthenticateByKey(LIBSSH2_SESSION* session, const std::string& host, const std::string& where,
                       const std::string& user, const std::string& identity);

/// `path` with a leading "~/" replaced by $HOME.
std::string ExpandHome(const std::string& path);

}  // namespace kilter::reconciler
