#pragma once

#include <chrono>
#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/transport.h"

typedef struct _LIBSSH2_SESSION LIBSSH2_SESSION;

namespace kilter::reconciler {

/// One TCP connection and libssh2 session to a host, connected within the
/// connect timeout, with the server's host key checked against known_hosts
/// (the offered host-key algorithms restricted to the types known_hosts
/// holds for the host) and authenticated by public key: the inventory's
/// identity file, else ssh-agent and the default keys in ~/.ssh. Every
/// failure throws TransportError naming the host.
class SshSession {
 public:
  using Clock = std::chrono::steady_clock;

  SshSession(const catalog::Host& host, const TransportOptions& options);
  ~SshSession();
  SshSession(const SshSession&) = delete;
  SshSession& operator=(const SshSession&) = delete;

  LIBSSH2_SESSION* get() const { return session_; }
  /// "user@address:port", for messages.
  const std::string& where() const { return where_; }
  /// libssh2's description of its last error.
  std::string LastError() const;

  /// Waits until the socket is readable, or writable too when `outbound`
  /// (libssh2 blocked on sending) or libssh2's last call blocked on sending;
  /// false when `deadline` passed first.
  bool Wait(Clock::time_point deadline, bool outbound) const;

 private:
  void ConnectSocket(const catalog::Host& host, std::chrono::milliseconds timeout);
  void Handshake(const catalog::Host& host, const std::string& known_hosts);
  void Close();

  std::string host_name_;
  std::string user_;
  std::string where_;
  int socket_ = -1;
  LIBSSH2_SESSION* session_ = nullptr;
};

}  // namespace kilter::reconciler
