#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

namespace kilter::testing {

/// A Transport for unit tests of provider logic: an in-memory file system, a
/// script of answers for commands, and a log of everything asked, so tests can
/// assert the exact list of commands run and files written.
class FakeTransport : public reconciler::Transport {
 public:
  explicit FakeTransport(std::string host = "fake");

  /// Answers commands whose Display() contains `needle` (the last matching
  /// rule added wins). Unmatched commands fail the test with exit code 127.
  void On(const std::string &needle, reconciler::CommandResult result);
  /// Same, computing the answer from the command (to look at stdin).
  void On(const std::string &needle,
          std::function<reconciler::CommandResult(const reconciler::Command &)> answer);

  /// Files in the fake file system, path -> content.
  std::map<std::string, std::string> &files() { return files_; }
  std::map<std::string, reconciler::FileStat> &stats() { return stats_; }
  /// Modification times batched reads report (seconds; 0 when absent).
  std::map<std::string, int64_t> &mtimes() { return mtimes_; }

  /// Every call in order, one line each: "run <display>", "read <path>",
  /// "write <path>", "stat <path>", "remove <path>"; a batched read
  /// (reconciler/providers/kit/batch_read.h) is one "run", then one line per
  /// read in it: "batch F <path>" (file), "batch L <path>" (manifest),
  /// "batch G <dir>\t<pattern>" (glob), "batch T <root>" (an include
  /// tree, its globs matched against the fake's files), "batch <display>" (a command,
  /// answered by the same rules).
  const std::vector<std::string> &log() const { return log_; }
  /// Only the commands run, as Display() strings.
  std::vector<std::string> commands() const;
  void ClearLog() { log_.clear(); }

  const std::string &host() const override { return host_; }
  reconciler::CommandResult Run(const reconciler::Command &command) override;
  std::optional<std::string> ReadFile(const std::string &path) override;
  void WriteFile(const std::string &path, const std::string &content,
                 const reconciler::WriteOptions &options) override;
  std::optional<reconciler::FileStat> Stat(const std::string &path) override;
  void Remove(const std::string &path) override;

 private:
  /// Answers a batched read from the file system and the rules.
  reconciler::CommandResult ServeBatch(const reconciler::Command &command);
  /// The answer of the last rule matching `display`.
  reconciler::CommandResult Answer(const reconciler::Command &command, const std::string &display);

  struct Rule {
    std::string needle;
    std::function<reconciler::CommandResult(const reconciler::Command &)> answer;
  };
  std::string host_;
  std::vector<Rule> rules_;
  std::map<std::string, std::string> files_;
  std::map<std::string, reconciler::FileStat> stats_;
  std::map<std::string, int64_t> mtimes_;
  std::vector<std::string> log_;
};

}  // namespace kilter::testing
