#pragma once

#include <cstdint>
#include <optional>
#include <string>

/// Whether a job kilter schedules on a host (backup.policy's backup,
/// mysql.maintenance's run) ran recently enough: the last success (or, with
/// none, the schedule's installation) at most the schedule's longest gap
/// plus grace ago.
namespace kilter::reconciler::kit {

/// "3d 4h", "2h 5m", "45s": an age for people.
std::string HumanAge(int64_t seconds);

/// How a type names its late job in the problem.
struct LateWords {
  std::string label;  ///< "stale backup"
  std::string last;   ///< "the newest snapshot"
  std::string none;   ///< "no snapshot at all"
};

/// The problem to report when `last` (or, with none, `installed`) is older
/// than `interval_seconds` (the schedule's longest gap) plus `grace_seconds`;
/// nullopt when the job is recent enough or not installed.
std::optional<std::string> LateRunProblem(int64_t now, std::optional<int64_t> last,
                                          std::optional<int64_t> installed,
                                          int64_t interval_seconds, int64_t grace_seconds,
                                          const LateWords& words);

}  // namespace kilter::reconciler::kit
