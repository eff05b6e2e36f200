#include "reconciler/providers/backup_policy/staleness.h"

#include <fmt/format.h>

namespace kilter::reconciler::backup {

std::string HumanAge(int64_t seconds) {
  if (seconds >= 86400) return fmt::format("{}d {}h", seconds / 86400, seconds % 86400 / 3600);
  if (seconds >= 3600) return fmt::format("{}h {}m", seconds / 3600, seconds % 3600 / 60);
  if (seconds >= 60) return fmt::format("{}m {}s", seconds / 60, seconds % 60);
  return fmt::format("{}s", seconds);
}

std::optional<std::string> StaleProblem(int64_t now, std::optional<int64_t> newest,
                                        std::optional<int64_t> installed,
                                        std::chrono::minutes longest_gap,
                                        std::chrono::milliseconds grace) {
  int64_t allowed = longest_gap.count() * 60 + grace.count() / 1000;
  std::string limit = fmt::format("the schedule runs at least every {}, grace {}",
                                  HumanAge(longest_gap.count() * 60), HumanAge(grace.count() / 1000));
  if (newest) {
    if (now - *newest <= allowed) return std::nullopt;
    return fmt::format("stale backup: the newest snapshot is {} old; {}", HumanAge(now - *newest),
                       limit);
  }
  if (installed && now - *installed > allowed) {
    return fmt::format("stale backup: no snapshot at all, {} after the schedule was installed; {}",
                       HumanAge(now - *installed), limit);
  }
  return std::nullopt;
}

}  // namespace kilter::reconciler::backup
