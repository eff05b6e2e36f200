#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/transport.h"
#include "support/read_text.h"

/// What the transport integration tests share: the estate's SSH host, and a
/// way to get either transport by name, so one contract runs against both.
namespace kilter::testing {

/// The inventory name every test host goes by; every error must carry it.
inline constexpr char kHostName[] = "web1";

/// $ESTATE_DIR/sshd.env.
const std::map<std::string, std::string>& Sshd();

/// The estate's sshd as an inventory host (identity set, port from the env).
catalog::Host SshHost();

/// Options trusting the estate's known_hosts, with a short connect timeout.
reconciler::TransportOptions SshOptions();

/// "local" or "ssh", connected through Connect().
std::unique_ptr<reconciler::Transport> MakeTransport(const std::string& kind);

/// A fresh directory both transports can reach (the sshd is this machine).
struct TempDir {
  TempDir();
  ~TempDir();
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  std::filesystem::path path;
};

/// Writes `content` to `path` on this machine.
void WriteLocal(const std::string& path, const std::string& content);

reconciler::Command Argv(std::vector<std::string> argv, std::string stdin_data = "");
reconciler::Command Shell(std::string text);

/// The message of what `f` threw; fails the test when it did not throw a TransportError.
template <typename F>
std::string TransportErrorOf(F&& f) {
  try {
    f();
  } catch (const reconciler::TransportError& e) {
    return e.what();
  }
  return "(no TransportError thrown)";
}

}  // namespace kilter::testing
