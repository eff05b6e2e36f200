#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/sysctl/settings.h"
#include "reconciler/providers/sysctl/sysctl_d.h"

/// What sysctl reads on a host, in one batch: the live value of every
/// declared key from /proc/sys (through the command prefix) and the *.conf
/// files of every sysctl.d directory.
namespace kilter::reconciler::sysctl {

/// A key's entry in /proc/sys.
struct ProcEntry {
  enum class State { kOk, kMissing, kError };
  State state = State::kMissing;
  std::string value;  ///< kOk: the value, line breaks and tabs made spaces; kError: the message
};

/// What a host holds, as the provider's LiveState carries it.
struct HostState {
  std::map<std::string, ProcEntry> proc;  ///< by normal key
  std::vector<ConfFile> load_order;       ///< the sysctl.d files the boot loads, in order

  nlohmann::json ToJson() const;
  /// Throws std::invalid_argument on a document ToJson did not write.
  static HostState FromJson(const nlohmann::json& json);
};

/// The batch that reads `keys` (normal keys) and the sysctl.d files.
kit::ReadBatch ReadBatchFor(const Settings& settings, const std::vector<std::string>& keys);

/// The state the batch read; throws std::invalid_argument on /proc/sys
/// output that does not list every key.
HostState StateFrom(const Settings& settings, const std::vector<std::string>& keys,
                    const kit::BatchResult& read);

/// The shell command that writes `value` to /proc/sys for normal key `key`
/// through the prefix; it fails with the kernel's message ("tee:
/// /proc/sys/net/core/somaxconn: Invalid argument").
std::string WriteCommand(const Settings& settings, const std::string& key,
                         const std::string& value);

}  // namespace kilter::reconciler::sysctl
