#include "reconciler/transport/ssh_auth.h"

#include <libssh2.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler {
namespace {

std::string SessionError(LIBSSH2_SESSION* session) {
  char* message = nullptr;
  libssh2_session_last_error(session, &message, nullptr, 0);
  return message && *message ? message : "unknown error";
}

/// Why a key file was not accepted, in words.
std::string KeyFileFailure(LIBSSH2_SESSION* session, int rc) {
  switch (rc) {
    case LIBSSH2_ERROR_FILE:
      return "could not be loaded (is it encrypted? kilter cannot ask for a passphrase: load it "
             "into ssh-agent)";
    case LIBSSH2_ERROR_AUTHENTICATION_FAILED:
    case LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED:
      return "rejected by the server";
    default:
      return SessionError(session);
  }
}

/// Tries a key file; true when it authenticated. Appends what happened to `tried`.
bool TryKeyFile(LIBSSH2_SESSION* session, const std::string& user, const std::string& path,
                std::vector<std::string>& tried) {
  if (::access(path.c_str(), R_OK) != 0) {
    tried.push_back(fmt::format("key file {} ({})", path, std::strerror(errno)));
    return false;
  }
  int rc = libssh2_userauth_publickey_fromfile_ex(session, user.c_str(),
                                                  static_cast<unsigned>(user.size()), nullptr,
                                                  path.c_str(), nullptr);
  if (rc == 0) return true;
  tried.push_back(fmt::format("key file {} ({})", path, KeyFileFailure(session, rc)));
  return false;
}

/// Tries every key the agent holds; true when one authenticated.
bool TryAgent(LIBSSH2_SESSION* session, const std::string& user, std::vector<std::string>& tried) {
  if (!std::getenv("SSH_AUTH_SOCK")) {
    tried.push_back("ssh-agent (SSH_AUTH_SOCK is not set)");
    return false;
  }
  LIBSSH2_AGENT* agent = libssh2_agent_init(session);
  if (!agent) {
    tried.push_back("ssh-agent (" + SessionError(session) + ")");
    return false;
  }
  bool ok = false;
  if (libssh2_agent_connect(agent) != 0) {
    tried.push_back(fmt::format("ssh-agent (cannot connect to {})", std::getenv("SSH_AUTH_SOCK")));
  } else if (libssh2_agent_list_identities(agent) != 0) {
    tried.push_back("ssh-agent (cannot list its keys: " + SessionError(session) + ")");
  } else {
    int count = 0;
    libssh2_agent_publickey* previous = nullptr;
    libssh2_agent_publickey* identity = nullptr;
    while (!ok && libssh2_agent_get_identity(agent, &identity, previous) == 0) {
      ++count;
      ok = libssh2_agent_userauth(agent, user.c_str(), identity) == 0;
      previous = identity;
    }
    if (!ok) {
      tried.push_back(count ? fmt::format("ssh-agent ({} key{}, none accepted)", count,
                                          count == 1 ? "" : "s")
                            : "ssh-agent (holds no keys)");
    }
    libssh2_agent_disconnect(agent);
  }
  libssh2_agent_free(agent);
  return ok;
}

}  // namespace

std::string ExpandHome(const std::string& path) {
  const char* home = std::getenv("HOME");
  if (path.rfind("~/", 0) == 0 && home) return home + path.substr(1);
  return path;
}

void AuthenticateByKey(LIBSSH2_SESSION* session, const std::string& host, const std::string& where,
                       const std::string& user, const std::string& identity) {
  char* methods =
      libssh2_userauth_list(session, user.c_str(), static_cast<unsigned>(user.size()));
  if (!methods) {
    if (libssh2_userauth_authenticated(session)) return;  // the server needs no authentication
    throw TransportError(host, fmt::format("cannot authenticate to {}: {}", where,
                                           SessionError(session)));
  }
  std::string offered = methods;
  if (("," + offered + ",").find(",publickey,") == std::string::npos) {
    throw TransportError(host, fmt::format("authentication failed for {}: the server offers only "
                                           "{}, and kilter authenticates with public keys only",
                                           where, offered));
  }

  std::vector<std::string> tried;
  if (!identity.empty()) {
    if (TryKeyFile(session, user, ExpandHome(identity), tried)) return;
  } else {
    if (TryAgent(session, user, tried)) return;
    bool any = false;
    for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
      std::string path = ExpandHome(std::string("~/.ssh/") + name);
      if (::access(path.c_str(), F_OK) != 0) continue;
      any = true;
      if (TryKeyFile(session, user, path, tried)) return;
    }
    if (!any) tried.push_back("default keys (none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists)");
  }
  throw TransportError(host, fmt::format("authentication failed for {} (publickey): tried {}",
                                         where, fmt::join(tried, "; ")));
}

}  // namespace kilter::reconciler
