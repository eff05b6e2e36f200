#pragma once

#include <string>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// The machine kilter runs on: commands are spawned directly (no shell for
/// argv), files are the local file system. Errors name `host`, the inventory
/// name of this machine. Thread-safe: the engine reads providers in parallel.
class LocalTransport : public Transport {
 public:
  explicit LocalTransport(std::string host);

  const std::string& host() const override { return host_; }
  CommandResult Run(const Command& command) override;
  std::optional<std::string> ReadFile(const std::string& path) override;
  void WriteFile(const std::string& path, const std::string& content,
                 const WriteOptions& options) override;
  std::optional<FileStat> Stat(const std::string& path) override;
  void Remove(const std::string& path) override;
  /// Every call is a process or a system call of its own, sharing nothing.
  bool concurrent() const override { return true; }
  bool local() const override { return true; }

 private:
  [[noreturn]] void Fail(const std::string& what, const std::string& path, int error) const;

  std::string host_;
};

}  // namespace kilter::reconciler
