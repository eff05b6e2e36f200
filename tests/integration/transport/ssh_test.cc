// What only the SSH transport does: host-key checks, authentication,
// connect timeouts, session reuse, recovery from a lost shell.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "reconciler/transport/ssh_transport.h"
#include "reconciler/transport/subprocess.h"
#include "tests/integration/transport/fixture.h"

namespace kilter::testing {
namespace {

using reconciler::CommandResult;
using reconciler::SshTransport;
using reconciler::TransportOptions;
using Clock = std::chrono::steady_clock;

std::string HostKeyName() { return "[" + Sshd().at("SSH_HOST") + "]:" + Sshd().at("SSH_PORT"); }

/// A known_hosts file in `dir` holding `text`; options that use it.
TransportOptions KnownHosts(const TempDir& dir, const std::string& text) {
  WriteLocal(dir / "known_hosts", text);
  TransportOptions options = SshOptions();
  options.known_hosts = dir / "known_hosts";
  return options;
}

std::string ConnectError(const catalog::Host& host, const TransportOptions& options) {
  return TransportErrorOf([&] { SshTransport transport(host, options); });
}

size_t CountInLog(const std::string& needle) {
  std::string log = ReadText(Sshd().at("SSH_LOG"));
  size_t count = 0;
  for (size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

TEST_CASE("ssh: plain and hashed known_hosts entries are trusted", "[ssh]") {
  TransportOptions options = SshOptions();
  CHECK(SshTransport(SshHost(), options).Run(Argv({"true"})).exit_code == 0);
  options.known_hosts = Sshd().at("SSH_KNOWN_HOSTS_HASHED");
  CHECK(SshTransport(SshHost(), options).Run(Argv({"true"})).exit_code == 0);
}

TEST_CASE("ssh: an unknown host key is refused with its fingerprint and the fix", "[ssh]") {
  TempDir dir;
  TransportOptions options =
      KnownHosts(dir, "[127.0.0.1]:1 " + Sshd().at("SSH_HOST_KEY") + "\n");
  std::string message = ConnectError(SshHost(), options);
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": host key of "));
  CHECK_THAT(message, Catch::Contains("is not known"));
  bool names_a_fingerprint =
      message.find(Sshd().at("SSH_HOST_KEY_FP")) != std::string::npos ||
      message.find(Sshd().at("SSH_HOST_KEY_ECDSA_FP")) != std::string::npos;
  CHECK(names_a_fingerprint);
  CHECK_THAT(message, Catch::Contains("ssh-keyscan -p " + Sshd().at("SSH_PORT") + " " +
                                      Sshd().at("SSH_HOST") + " >> " + options.known_hosts));

  // A missing known_hosts file is the same: nothing is trusted.
  options.known_hosts = dir / "does-not-exist";
  CHECK_THAT(ConnectError(SshHost(), options), Catch::Contains("is not known"));
}

TEST_CASE("ssh: a changed host key is refused loudly", "[ssh]") {
  TempDir dir;
  TransportOptions options =
      KnownHosts(dir, HostKeyName() + " " + Sshd().at("SSH_OTHER_HOST_KEY") + "\n");
  std::string message = ConnectError(SshHost(), options);
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": WARNING: HOST KEY CHANGED"));
  // The server also has an ECDSA key it would happily present; restricted to
  // ed25519, it must present the ed25519 key, which then does not match.
  CHECK_THAT(message, Catch::Contains(Sshd().at("SSH_HOST_KEY_FP")));
  CHECK_THAT(message, Catch::Contains("man-in-the-middle"));
  CHECK_THAT(message, Catch::Contains(options.known_hosts + ":1"));
}

TEST_CASE("ssh: host-key types are restricted to what known_hosts holds", "[ssh]") {
  TempDir dir;
  // Only the ECDSA key is known: the server must be made to present it.
  TransportOptions ecdsa = KnownHosts(dir, HostKeyName() + " " + Sshd().at("SSH_HOST_KEY_ECDSA") + "\n");
  CHECK(SshTransport(SshHost(), ecdsa).Run(Argv({"true"})).exit_code == 0);
}

TEST_CASE("ssh: a @revoked host key is refused even when also trusted", "[ssh]") {
  TempDir dir;
  std::string key = Sshd().at("SSH_HOST_KEY");
  TransportOptions options =
      KnownHosts(dir, HostKeyName() + " " + key + "\n@revoked * " + key + " compromised\n");
  std::string message = ConnectError(SshHost(), options);
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": host key of "));
  CHECK_THAT(message, Catch::Contains("REVOKED"));
  CHECK_THAT(message, Catch::Contains(Sshd().at("SSH_HOST_KEY_FP")));
  CHECK_THAT(message, Catch::Contains(options.known_hosts + ":2"));
}

TEST_CASE("ssh: a key the server does not accept is refused, naming user@host", "[ssh]") {
  catalog::Host host = SshHost();
  host.identity = Sshd().at("SSH_WRONG_IDENTITY");
  std::string where = host.user + "@" + host.address + ":" + std::to_string(host.port);
  std::string message = ConnectError(host, SshOptions());
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": authentication failed for " + where));
  CHECK_THAT(message, Catch::Contains(host.identity + " (rejected by the server)"));

  host.identity = "/nonexistent/key";
  CHECK_THAT(ConnectError(host, SshOptions()),
             Catch::Contains("key file /nonexistent/key (No such file or directory)"));
}

TEST_CASE("ssh: ssh-agent authentication", "[ssh]") {
  TempDir dir;
  std::string socket = dir / "agent.sock";
  CommandResult agent = reconciler::RunProcess({"ssh-agent", "-a", socket, "-s"}, "",
                                               std::chrono::seconds(10));
  REQUIRE(agent.exit_code == 0);
  size_t at = agent.out.find("SSH_AGENT_PID=");
  REQUIRE(at != std::string::npos);
  pid_t agent_pid = std::stoi(agent.out.substr(at + 14));
  const char* saved = std::getenv("SSH_AUTH_SOCK");
  std::string saved_value = saved ? saved : "";
  ::setenv("SSH_AUTH_SOCK", socket.c_str(), 1);

  catalog::Host host = SshHost();
  host.identity.clear();
  std::string empty_agent = ConnectError(host, SshOptions());
  CHECK_THAT(empty_agent, Catch::Contains("ssh-agent (holds no keys)"));

  CommandResult added = reconciler::RunProcess({"ssh-add", Sshd().at("SSH_IDENTITY")}, "",
                                               std::chrono::seconds(10));
  CHECK(added.exit_code == 0);
  std::string outcome = "connected";
  try {
    SshTransport transport(host, SshOptions());
    CHECK(transport.Run(Argv({"echo", "via agent"})).out == "via agent\n");
  } catch (const reconciler::TransportError& e) {
    outcome = e.what();
  }
  CHECK(outcome == "connected");

  ::kill(agent_pid, SIGTERM);
  if (saved) ::setenv("SSH_AUTH_SOCK", saved_value.c_str(), 1); else ::unsetenv("SSH_AUTH_SOCK");
}

TEST_CASE("ssh: connecting to a closed port fails fast and names the host", "[ssh]") {
  // A port that was just free: bind, note it, close.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  catalog::Host host = SshHost();
  host.port = ntohs(addr.sin_port);

  auto start = Clock::now();
  std::string message = ConnectError(host, SshOptions());
  CHECK(Clock::now() - start < std::chrono::seconds(2));
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": cannot connect to "));
  CHECK_THAT(message, Catch::Contains("127.0.0.1:" + std::to_string(host.port)));
  CHECK_THAT(message, Catch::Contains("refused"));
}

TEST_CASE("ssh: a server that never speaks SSH times out at the connect timeout", "[ssh]") {
  // The kernel completes the TCP handshake for a listening socket nobody
  // accepts from, and then nothing answers: only the timeout ends it.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  catalog::Host host = SshHost();
  host.port = ntohs(addr.sin_port);
  TransportOptions options = SshOptions();
  options.connect_timeout = std::chrono::milliseconds(500);

  auto start = Clock::now();
  std::string message = ConnectError(host, options);
  auto elapsed = Clock::now() - start;
  ::close(fd);
  CHECK(elapsed >= std::chrono::milliseconds(400));
  CHECK(elapsed < std::chrono::seconds(3));
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": "));
  CHECK_THAT(message, Catch::Contains("127.0.0.1:" + std::to_string(host.port)));
}

TEST_CASE("ssh: one connection and one channel serve every call of a run", "[ssh]") {
  size_t logins = CountInLog("Accepted publickey");
  size_t sessions = CountInLog("Starting session");
  {
    TempDir dir;
    auto transport = MakeTransport("ssh");
    for (int i = 0; i < 25; ++i) {
      std::string path = dir / ("f" + std::to_string(i));
      transport->WriteFile(path, std::to_string(i), {});
      CHECK(transport->ReadFile(path) == std::to_string(i));
      CHECK(transport->Stat(path)->size == std::to_string(i).size());
      CHECK(transport->Run(Argv({"cat", path})).out == std::to_string(i));
    }
  }
  CHECK(CountInLog("Accepted publickey") == logins + 1);
  CHECK(CountInLog("Starting session") == sessions + 1);
}

TEST_CASE("ssh: a lost shell is an error naming the host, and the next call reconnects", "[ssh]") {
  auto transport = MakeTransport("ssh");
  // The protocol shell is the parent of the shell that runs this text.
  std::string message = TransportErrorOf([&] { transport->Run(Shell("kill -KILL $PPID")); });
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": lost the SSH connection to "));
  CHECK(transport->Run(Argv({"echo", "back"})).out == "back\n");
}

TEST_CASE("ssh: a shell that stops answering is killed and replaced", "[ssh]") {
  TempDir dir;
  auto transport = MakeTransport("ssh");
  // Stop the protocol shell itself: the command returns, but no trailer
  // ever comes, and killing the shell's children cannot help.
  reconciler::Command wedge = Shell("echo $PPID > " + dir / "shell" + "; kill -STOP $PPID");
  wedge.timeout = std::chrono::milliseconds(500);
  auto start = Clock::now();
  CHECK(transport->Run(wedge).exit_code == 124);
  CHECK(Clock::now() - start < std::chrono::seconds(10));
  pid_t shell = std::stoi(ReadText(dir / "shell"));
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = ::kill(shell, 0) != 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(gone);
  CHECK(transport->Run(Argv({"echo", "fresh"})).out == "fresh\n");
}

}  // namespace
}  // namespace kilter::testing
