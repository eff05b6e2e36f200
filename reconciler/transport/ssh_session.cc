#include "reconciler/transport/ssh_session.h"

#include <libssh2.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "reconciler/transport/known_hosts.h"
#include "reconciler/transport/shell_quote.h"
#include "reconciler/transport/ssh_auth.h"

namespace kilter::reconciler {
namespace {

std::string CurrentUser() {
  char buf[4096];
  passwd pw;
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &found) == 0 && found) return found->pw_name;
  const char* user = std::getenv("USER");
  return user ? user : "root";
}

/// The host-key algorithms libssh2 can verify, from its own list.
std::vector<std::string> SupportedHostKeyAlgorithms(LIBSSH2_SESSION* session) {
  const char** algs = nullptr;
  int count = libssh2_session_supported_algs(session, LIBSSH2_METHOD_HOSTKEY, &algs);
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.emplace_back(algs[i]);
  if (count > 0) libssh2_free(session, algs);
  return names;
}

/// The ssh-keyscan line that adds the host's keys to `known_hosts`.
std::string KeyscanLine(const catalog::Host& host, const std::string& known_hosts) {
  return fmt::format("ssh-keyscan -p {} {} >> {}", host.port, ShellQuote(host.address),
                     ShellQuote(known_hosts));
}

}  // namespace

SshSession::SshSession(const catalog::Host& host, const TransportOptions& options)
    : host_name_(host.name), user_(host.user.empty() ? CurrentUser() : host.user) {
  where_ = fmt::format("{}@{}:{}", user_, host.address, host.port);
  static std::once_flag init;
  std::call_once(init, [] { libssh2_init(0); });
  try {
    ConnectSocket(host, options.connect_timeout);
    session_ = libssh2_session_init();
    if (!session_) throw TransportError(host_name_, "cannot create an SSH session");
    libssh2_session_set_blocking(session_, 1);
    // Blocking calls (handshake, authentication, opening channels) give up
    // after the connect timeout instead of hanging on a silent server.
    libssh2_session_set_timeout(session_, static_cast<long>(options.connect_timeout.count()));
    std::string known_hosts =
        ExpandHome(options.known_hosts.empty() ? "~/.ssh/known_hosts" : options.known_hosts);
    Handshake(host, known_hosts);
    AuthenticateByKey(session_, host_name_, where_, user_, host.identity);
  } catch (...) {
    Close();
    throw;
  }
}

SshSession::~SshSession() { Close(); }

void SshSession::Close() {
  if (session_) {
    libssh2_session_set_blocking(session_, 1);
    libssh2_session_set_timeout(session_, 1000);
    libssh2_session_disconnect(session_, "kilter done");
    libssh2_session_free(session_);
    session_ = nullptr;
  }
  if (socket_ >= 0) {
    ::close(socket_);
    socket_ = -1;
  }
}

std::string SshSession::LastError() const {
  char* message = nullptr;
  libssh2_session_last_error(session_, &message, nullptr, 0);
  return message && *message ? message : "unknown error";
}

bool SshSession::Wait(Clock::time_point deadline, bool outbound) const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return false;
  pollfd fd{socket_, POLLIN, 0};
  if (outbound || libssh2_session_block_directions(session_) & LIBSSH2_SESSION_BLOCK_OUTBOUND) {
    fd.events |= POLLOUT;
  }
  ::poll(&fd, 1, static_cast<int>(left.count()) + 1);
  return true;
}

void SshSession::ConnectSocket(const catalog::Host& host, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port = std::to_string(host.port);
  if (int rc = getaddrinfo(host.address.c_str(), port.c_str(), &hints, &found); rc != 0) {
    throw TransportError(host_name_, fmt::format("cannot resolve {}: {}", host.address,
                                                 gai_strerror(rc)));
  }
  std::string failure = "no address";
  for (addrinfo* ai = found; ai && socket_ < 0; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                      ai->ai_protocol);
    if (fd < 0) {
      failure = std::strerror(errno);
      continue;
    }
    int error = ::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ? 0 : errno;
    if (error == EINPROGRESS) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd p{fd, POLLOUT, 0};
      if (left.count() > 0 && ::poll(&p, 1, static_cast<int>(left.count())) == 1) {
        socklen_t len = sizeof error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
      } else {
        error = ETIMEDOUT;
      }
    }
    if (error != 0) {
      failure = error == ETIMEDOUT ? fmt::format("timed out after {} ms", timeout.count())
                                   : std::strerror(error);
      ::close(fd);
      continue;
    }
    // Requests are small and answered at once: Nagle would hold each one back.
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    socket_ = fd;
  }
  freeaddrinfo(found);
  if (socket_ < 0) {
    throw TransportError(host_name_, fmt::format("cannot connect to {}: {}", where_, failure));
  }
}

void SshSession::Handshake(const catalog::Host& host, const std::string& known_hosts) {
  std::ifstream file(known_hosts);
  std::stringstream text;
  if (file) text << file.rdbuf();
  std::string known_hosts_shown = file ? known_hosts : known_hosts + " (which does not exist)";
  std::vector<KnownHostEntry> entries = ParseKnownHosts(text.str());
  std::string name = KnownHostName(host.address, host.port);

  // Offer only the key types known_hosts trusts for this host, so a server
  // (or a man in the middle) cannot present a key of another type and be
  // judged "unknown" instead of "changed".
  std::vector<std::string> trusted = TrustedKeyTypes(entries, name);
  if (!trusted.empty()) {
    std::vector<std::string> supported = SupportedHostKeyAlgorithms(session_);
    std::vector<std::string> offer;
    for (const std::string& type : trusted) {
      if (std::find(supported.begin(), supported.end(), type) != supported.end()) {
        offer.push_back(type);
      }
    }
    if (offer.empty()) {
      throw TransportError(host_name_, fmt::format(
          "known_hosts ({}) holds only {} keys for {}, which kilter cannot verify",
          known_hosts, fmt::join(trusted, ", "), name));
    }
    std::string prefs = fmt::format("{}", fmt::join(offer, ","));
    libssh2_session_method_pref(session_, LIBSSH2_METHOD_HOSTKEY, prefs.c_str());
    trusted = offer;
  }
  if (libssh2_session_handshake(session_, socket_) != 0) {
    std::string message = fmt::format("SSH handshake with {} failed: {}", where_, LastError());
    if (!trusted.empty()) {
      message += fmt::format(" (kilter offered only the host-key types known_hosts holds for {}: "
                             "{}; if the host's keys really changed, see {})",
                             name, fmt::join(trusted, ", "), known_hosts);
    }
    throw TransportError(host_name_, message);
  }

  size_t length = 0;
  int type = 0;
  const char* key = libssh2_session_hostkey(session_, &length, &type);
  if (!key) throw TransportError(host_name_, "the server sent no host key: " + LastError());
  std::string blob(key, length);
  std::string presented = KeyTypeOfBlob(blob) + " " + HostKeyFingerprint(blob);
  HostKeyVerdict verdict = CheckHostKey(entries, name, blob);
  switch (verdict.status) {
    case HostKeyVerdict::Status::kTrusted:
      return;
    case HostKeyVerdict::Status::kUnknown:
      throw TransportError(host_name_, fmt::format(
          "host key of {} is not known: the server presented {}, and {} has no {} key for {}. "
          "Refusing to connect. If that fingerprint is the host's (on the host: ssh-keygen -lf "
          "/etc/ssh/ssh_host_*_key.pub), trust it with:\n  {}",
          where_, presented, known_hosts_shown, KeyTypeOfBlob(blob), name,
          KeyscanLine(host, known_hosts)));
    case HostKeyVerdict::Status::kChanged:
      throw TransportError(host_name_, fmt::format(
          "WARNING: HOST KEY CHANGED for {}! The server presented {}, but {}:{} holds {}. Someone "
          "may be intercepting the connection (man-in-the-middle), or the host was reinstalled. "
          "Refusing to connect. If the change is expected, remove the old key with\n"
          "  ssh-keygen -R {} -f {}\nand trust the new one with\n  {}",
          where_, presented, known_hosts, verdict.entry->line, HostKeyFingerprint(verdict.entry->key),
          ShellQuote(name), ShellQuote(known_hosts), KeyscanLine(host, known_hosts)));
    case HostKeyVerdict::Status::kRevoked:
      throw TransportError(host_name_, fmt::format(
          "host key of {} is REVOKED: the server presented {}, which {}:{} marks @revoked. "
          "Refusing to connect.",
          where_, presented, known_hosts, verdict.entry->line));
  }
}

}  // namespace kilter::reconciler
