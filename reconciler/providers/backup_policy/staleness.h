#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kilter::reconciler::backup {

/// "3d 4h", "2h 5m", "45s": an age for people.
std::string HumanAge(int64_t seconds);

/// The problem to report when the newest snapshot (or, with none, the
/// schedule's installation) is older than the schedule's longest gap plus
/// grace; nullopt when the backup is fresh enough.
std::optional<std::string> StaleProblem(int64_t now, std::optional<int64_t> newest_snapshot,
                                        std::optional<int64_t> installed,
                                        std::chrono::minutes longest_gap,
                                        std::chrono::milliseconds grace);

}  // namespace kilter::reconciler::backup
