#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"

/// The one door from the reconciler to a host. Providers never call the OS:
/// they go through a Transport, so unit tests pass a recording fake and
/// integration tests pass the real local or SSH transport.
namespace kilter::reconciler {

/// A command to run on the host. Exactly one of `argv` and `shell` is set:
/// argv runs the program directly (arguments are never re-split), shell runs
/// `/bin/sh -c shell`.
struct Command {
  std::vector<std::string> argv;
  std::string shell;
  std::string stdin_data;
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};

  /// The command as one line for logs and plans ("argv joined, shell-quoted").
  std::string Display() const;
};

struct CommandResult {
  int exit_code = 0;  ///< 128+N when killed by signal N; 124 on timeout
  std::string out;
  std::string err;
  bool ok() const { return exit_code == 0; }
  /// What the command said, for a message: its stderr (its stdout when
  /// stderr is empty), trimmed: no trailing newline to leave a blank
  /// line or split the sentence it is quoted in.
  std::string Said() const;
};

struct FileStat {
  uint32_t mode = 0;  ///< permission bits, e.g. 0644
  std::string owner;
  std::string group;
  uint64_t size = 0;
  bool is_dir = false;
};

struct WriteOptions {
  uint32_t mode = 0644;
  std::string owner;  ///< empty: leave as created
  std::string group;
};

/// A failure to reach or use a host (not a command that exited non-zero).
/// The message always names the host.
class TransportError : public std::runtime_error {
 public:
  TransportError(const std::string& host, const std::string& message);
  const std::string& host() const { return host_; }

 private:
  std::string host_;
};

class Transport {
 public:
  virtual ~Transport() = default;

  /// The inventory name of the host this transport reaches.
  virtual const std::string& host() const = 0;

  /// Runs a command and waits for it. A non-zero exit is a result, not an
  /// error; only failing to run it at all throws TransportError.
  virtual CommandResult Run(const Command& command) = 0;

  /// The content of a file, or nullopt when it does not exist.
  virtual std::optional<std::string> ReadFile(const std::string& path) = 0;

  /// Writes atomically: a temp file in the same directory, fsync, chmod/chown,
  /// rename over `path`. Readers see the old or the new content, never a mix.
  virtual void WriteFile(const std::string& path, const std::string& content,
                         const WriteOptions& options) = 0;

  /// nullopt when the path does not exist.
  virtual std::optional<FileStat> Stat(const std::string& path) = 0;

  /// Removes a file; a missing file is not an error.
  virtual void Remove(const std::string& path) = 0;

  /// Whether calls may come from several threads at once, so the engine can
  /// overlap the reads of independent providers on the host. False unless a
  /// transport says otherwise: one connection is one conversation.
  virtual bool concurrent() const { return false; }

  /// Whether the host is the machine kilter runs on, so its files can be
  /// read with system calls instead of a command (kit/batch_here.h).
  virtual bool local() const { return false; }
};

/// `word` quoted for a POSIX shell: unchanged when it is safe as is, else in
/// single quotes.
std::string ShellQuote(const std::string& word);

/// Settings that apply to every transport of a run.
struct TransportOptions {
  std::string known_hosts;  ///< empty: ~/.ssh/known_hosts
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
};

/// The transport the inventory asks for (`local` or `ssh`), connected.
/// Throws TransportError when the host cannot be reached or trusted.
std::unique_ptr<Transport> Connect(const catalog::Host& host, const TransportOptions& options);

}  // namespace kilter::reconciler
