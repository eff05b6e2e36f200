#pragma once

#include <string>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// The machine kilter runs on: commands are spawned directly (no shell for
/// argv), files are the local file system. Errors name `host`, the inventory
/// name of this machine.
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

 private:
  [[noreturn]] void Fail(const std::string& what, const std::string& path, int error) const;

  std::string host_;
};

}  // namespace kilter::reconciler
