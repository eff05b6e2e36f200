#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

/// The job's record of its last successful backup (Policy::RecordPath): which
/// repository it went to and which snapshot it made, so that a repository
/// replaced, re-initialised or emptied since is drift at once, not only once
/// the schedule's gap has passed.
namespace kilter::reconciler::backup {

struct LastBackup {
  std::string repository_id;  ///< the `id` of `restic cat config` when the
                              ///< backup finished
  std::string snapshot;       ///< the snapshot it made (restic's short or full id)
  std::string time;           ///< RFC 3339 UTC time it finished
  /// The snapshot's size (restic's total_bytes_processed); absent in records
  /// of jobs written before kilter recorded it.
  std::optional<int64_t> size_bytes;

  /// The record's one JSON line; nullopt when it is not a record.
  static std::optional<LastBackup> Parse(const std::string& text);
};

/// What happened to the repository since the last recorded backup: its id
/// changed (replaced or re-initialised), or that backup's snapshot is gone
/// (emptied, or its snapshots forgotten). `config` is `restic cat config`,
/// `snapshots` the policy's `restic snapshots --json`; nullopt when the
/// repository still holds the recorded backup.
std::optional<std::string> LostBackupProblem(const LastBackup& last, const std::string& repository,
                                             const nlohmann::json& config,
                                             const nlohmann::json& snapshots);

}  // namespace kilter::reconciler::backup
