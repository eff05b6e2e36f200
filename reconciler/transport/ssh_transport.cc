#include "reconciler/transport/ssh_transport.h"

#include <libssh2.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/transport/digest.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler {
namespace {

namespace protocol = shell_protocol;

/// The receive window and read size: large enough that a 10 MB file
/// streams without waiting on window adjustments every few packets.
constexpr unsigned kWindow = 16 * 1024 * 1024;
constexpr size_t kReadSize = 1024 * 1024;
/// File operations are plain reads and writes; a generous bound only
/// catches a wedged host.
constexpr std::chrono::milliseconds kFileTimeout = std::chrono::minutes(5);
/// After a timeout kill, how long the shell gets to report back before the
/// session is written off.
constexpr std::chrono::milliseconds kKillGrace = std::chrono::seconds(5);

/// The shell every request goes to. `exec` replaces the login shell, whose
/// start-up files ran once, at connect.
constexpr char kShellCommand[] = "exec /bin/sh";

/// Kills the descendants of the shell whose pid is $0 (and the shell itself
/// when $1 is "shell"): each process is stopped before its children are
/// listed, so none can fork behind the walk, then killed.
constexpr char kKillScript[] =
    "kilter_kill() { kill -STOP \"$1\" 2>/dev/null; for c in $(pgrep -P \"$1\"); do "
    "kilter_kill \"$c\"; done; kill -KILL \"$1\" 2>/dev/null; }; "
    "if [ \"$1\" = shell ]; then kilter_kill \"$0\"; "
    "else for c in $(pgrep -P \"$0\"); do kilter_kill \"$c\"; done; fi";

}  // namespace

SshTransport::SshTransport(const catalog::Host& host, const TransportOptions& options)
    : host_(host), options_(options), buffer_(kReadSize) {
  Open();
}

SshTransport::~SshTransport() { Close(); }

void SshTransport::Open() {
  session_ = std::make_unique<SshSession>(host_, options_);
  LIBSSH2_SESSION* session = session_->get();
  libssh2_session_set_blocking(session, 1);
  channel_ = libssh2_channel_open_ex(session, "session", sizeof "session" - 1, kWindow,
                                     LIBSSH2_CHANNEL_PACKET_DEFAULT, nullptr, 0);
  if (!channel_) Lost("opening a channel");
  if (libssh2_channel_exec(channel_, kShellCommand) != 0) Lost("starting /bin/sh");

  std::string token = protocol::NewToken();
  protocol::ResponseReader reader(token);
  if (Exchange(protocol::Bootstrap(token), reader, Clock::now() + options_.connect_timeout) !=
      Outcome::kDone) {
    std::string where = session_->where();
    Close();
    throw TransportError(host_.name, fmt::format("/bin/sh on {} did not answer within {} ms",
                                                 where, options_.connect_timeout.count()));
  }
  // The login shell's start-up files may print before it execs sh; what sh
  // printed comes last.
  std::string out = reader.Take().out;
  size_t at = out.rfind("pid ");
  shell_pid_ = at == std::string::npos ? "" : out.substr(at + 4);
  if (shell_pid_.empty() || shell_pid_.find_first_not_of("0123456789") != std::string::npos) {
    Lost("starting /bin/sh (it did not report its pid)");
  }
}

void SshTransport::Close() {
  if (channel_) {
    LIBSSH2_SESSION* session = session_->get();
    libssh2_session_set_blocking(session, 1);
    libssh2_session_set_timeout(session, 1000);
    libssh2_channel_send_eof(channel_);  // the shell exits at end of input
    libssh2_channel_close(channel_);
    libssh2_channel_free(channel_);
    channel_ = nullptr;
  }
  session_.reset();
}

void SshTransport::Lost(const std::string& doing) {
  std::string message = session_ ? fmt::format("lost the SSH connection to {} while {}: {}",
                                               session_->where(), doing, session_->LastError())
                                 : "not connected";
  Close();
  throw TransportError(host_.name, message);
}

SshTransport::Outcome SshTransport::Exchange(std::string_view request,
                                             protocol::ResponseReader& reader,
                                             Clock::time_point deadline) {
  LIBSSH2_SESSION* session = session_->get();
  libssh2_session_set_blocking(session, 0);
  size_t sent = 0;
  for (;;) {
    bool progress = false;
    // Whether the write waits for the socket (not for the server's window,
    // which arrives inbound); the reads below overwrite libssh2's record.
    bool outbound = false;
    while (sent < request.size()) {
      ssize_t n = libssh2_channel_write(channel_, request.data() + sent,
                                        std::min(request.size() - sent, kReadSize));
      if (n == LIBSSH2_ERROR_EAGAIN) {
        outbound = libssh2_session_block_directions(session) & LIBSSH2_SESSION_BLOCK_OUTBOUND;
        break;
      }
      if (n < 0) Lost("sending a request");
      sent += static_cast<size_t>(n);
      progress = true;
    }
    for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
      for (;;) {
        ssize_t n = libssh2_channel_read_ex(channel_, stream, buffer_.data(), buffer_.size());
        if (n == 0 || n == LIBSSH2_ERROR_EAGAIN) break;
        if (n < 0) Lost("reading a response");
        std::string_view data(buffer_.data(), static_cast<size_t>(n));
        stream == 0 ? reader.AddOut(data) : reader.AddErr(data);
        progress = true;
      }
    }
    if (reader.done()) return Outcome::kDone;
    if (libssh2_channel_eof(channel_)) Lost("waiting for /bin/sh (it exited)");
    if (progress) continue;
    // Reading one stream may have queued packets of the other inside
    // libssh2; those never wake the socket, so look before sleeping.
    if (libssh2_poll_channel_read(channel_, 0) ||
        libssh2_poll_channel_read(channel_, SSH_EXTENDED_DATA_STDERR)) {
      continue;
    }
    if (!session_->Wait(deadline, outbound)) return Outcome::kTimedOut;
  }
}

void SshTransport::Kill(const char* what) {
  LIBSSH2_SESSION* session = session_->get();
  libssh2_session_set_blocking(session, 1);
  LIBSSH2_CHANNEL* killer = libssh2_channel_open_session(session);
  if (!killer) return;
  std::string command =
      "exec /bin/sh -c " + ShellQuote(kKillScript) + " " + shell_pid_ + " " + what;
  if (libssh2_channel_exec(killer, command.c_str()) == 0) {
    char sink[4096];
    while (libssh2_channel_read(killer, sink, sizeof sink) > 0) {
    }
  }
  libssh2_channel_close(killer);
  libssh2_channel_free(killer);
}

CommandResult SshTransport::Request(const std::string& body, const std::string& token,
                                    std::chrono::milliseconds timeout) {
  if (!session_) Open();
  protocol::ResponseReader reader(token);
  if (Exchange(protocol::Frame(body, token), reader, Clock::now() + timeout) == Outcome::kDone) {
    return reader.Take();
  }
  Kill("children");
  if (Exchange({}, reader, Clock::now() + kKillGrace) != Outcome::kDone) {
    // The shell itself is stuck: kill it, write the session off; the next
    // call reconnects.
    Kill("shell");
    Close();
  }
  CommandResult result = reader.Take();
  result.exit_code = 124;
  return result;
}

CommandResult SshTransport::Run(const Command& command) {
  if (command.shell.empty() && (command.argv.empty() || command.argv[0].empty())) {
    return {127, "", "kilter: empty command\n"};
  }
  std::string token = protocol::NewToken();
  return Request(protocol::RunBody(command, token), token, command.timeout);
}

CommandResult SshTransport::FileRequest(const std::string& what, const std::string& path,
                                        const std::string& body, const std::string& token) {
  CommandResult result = Request(body, token, kFileTimeout);
  if (result.exit_code == 0 || result.exit_code == protocol::kMissing) return result;
  if (result.exit_code == 124) {
    throw TransportError(host_.name, fmt::format("cannot {} {}: no answer within {} s", what, path,
                                                 kFileTimeout.count() / 1000));
  }
  throw TransportError(host_.name, fmt::format("cannot {} {}: {}", what, path,
                                               catalog::Trim(result.err.empty() ? "exit code " +
                                                    std::to_string(result.exit_code) : result.err)));
}

std::optional<std::string> SshTransport::ReadFile(const std::string& path) {
  CommandResult result = FileRequest("read", path, protocol::ReadFileBody(path), protocol::NewToken());
  if (result.exit_code == protocol::kMissing) return std::nullopt;
  return std::move(result.out);
}

void SshTransport::WriteFile(const std::string& path, const std::string& content,
                             const WriteOptions& options) {
  std::string token = protocol::NewToken();
  CommandResult result = FileRequest(
      "write", path,
      protocol::WriteFileBody(path, content, options, token, Hex(RandomBytes(6))), token);
  if (result.exit_code == protocol::kMissing) {
    throw TransportError(host_.name, fmt::format("cannot write {}: {}", path, catalog::Trim(result.err)));
  }
}

std::optional<FileStat> SshTransport::Stat(const std::string& path) {
  CommandResult result = FileRequest("stat", path, protocol::StatBody(path), protocol::NewToken());
  if (result.exit_code == protocol::kMissing) return std::nullopt;
  std::optional<FileStat> stat = protocol::ParseStat(result.out);
  if (!stat) {
    throw TransportError(host_.name, fmt::format("cannot stat {}: unexpected output from stat: {}",
                                                 path, catalog::Trim(result.out)));
  }
  return stat;
}

void SshTransport::Remove(const std::string& path) {
  FileRequest("remove", path, protocol::RemoveBody(path), protocol::NewToken());
}

}  // namespace kilter::reconciler
