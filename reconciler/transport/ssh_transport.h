#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/shell_protocol.h"
#include "reconciler/transport/ssh_session.h"
#include "reconciler/transport/transport.h"

typedef struct _LIBSSH2_CHANNEL LIBSSH2_CHANNEL;

namespace kilter::reconciler {

/// A host over SSH. One session per transport, and on it one long-lived
/// `/bin/sh` that every Run, ReadFile, WriteFile, Stat and Remove goes
/// through (shell_protocol.h): a call costs one round trip and no new
/// channel or login-shell start. A command that outlives its timeout is
/// killed on the host with its children; a shell that stops answering is
/// dropped and the next call connects afresh. Not thread-safe, and not
/// concurrent(): libssh2 lets one thread at a time use a session, and every
/// call is a turn of the one shell, so the providers of an SSH host are read
/// one after another. One transport per host per thread.
class SshTransport : public Transport {
 public:
  /// Connects, verifies the host key, authenticates and starts the shell.
  SshTransport(const catalog::Host& host, const TransportOptions& options);
  ~SshTransport() override;

  const std::string& host() const override { return host_.name; }
  CommandResult Run(const Command& command) override;
  std::optional<std::string> ReadFile(const std::string& path) override;
  void WriteFile(const std::string& path, const std::string& content,
                 const WriteOptions& options) override;
  std::optional<FileStat> Stat(const std::string& path) override;
  void Remove(const std::string& path) override;

 private:
  using Clock = std::chrono::steady_clock;
  enum class Outcome { kDone, kTimedOut };

  void Open();
  void Close();
  /// Sends `body` framed with `token` and collects the response; exit code
  /// 124 when `timeout` passed (the command then has been killed).
  CommandResult Request(const std::string& body, const std::string& token,
                        std::chrono::milliseconds timeout);
  /// Pumps the channel: writes `request`, feeds `reader`, until the
  /// response is complete or `deadline`.
  Outcome Exchange(std::string_view request, shell_protocol::ResponseReader& reader,
                   Clock::time_point deadline);
  /// Over a second channel, kills every process the shell started
  /// (`what` = "children"), or those and the shell itself ("shell").
  void Kill(const char* what);
  /// The result of a file operation: throws unless it exited 0 or kMissing.
  CommandResult FileRequest(const std::string& what, const std::string& path,
                            const std::string& body, const std::string& token);
  [[noreturn]] void Lost(const std::string& doing);

  catalog::Host host_;
  TransportOptions options_;
  std::unique_ptr<SshSession> session_;
  LIBSSH2_CHANNEL* channel_ = nullptr;
  std::string shell_pid_;
  std::vector<char> buffer_;
};

}  // namespace kilter::reconciler
