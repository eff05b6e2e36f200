#include "reconciler/providers/kit/late_run.h"

#include <fmt/format.h>

namespace kilter::reconciler::kit {

std::string HumanAge(int64_t seconds) {
  if (seconds >= 86400) return fmt::format("{}d {}h", seconds / 86400, seconds % 86400 / 3600);
  if (seconds >= 3600) return fmt::format("{}h {}m", seconds / 3600, seconds % 3600 / 60);
  if (seconds >= 60) return fmt::format("{}m {}s", seconds / 60, seconds % 60);
  return fmt::format("{}s", seconds);
}

std::optional<std::string> LateRunProblem(int64_t now, std::optional<int64_t> last,
                                          std::optional<int64_t> installed,
                                          int64_t interval_seconds, int64_t grace_seconds,
                                          const LateWords& words) {
  int64_t allowed = interval_seconds + grace_seconds;
  std::string limit = fmt::format("the schedule runs at least every {}, grace {}",
                                  HumanAge(interval_seconds), HumanAge(grace_seconds));
  if (last) {
    if (now - *last <= allowed) return std::nullopt;
    return fmt::format("{}: {} is {} old; {}", words.label, words.last, HumanAge(now - *last),
                       limit);
  }
  if (installed && now - *installed > allowed) {
    return fmt::format("{}: {}, {} after the schedule was installed; {}", words.label, words.none,
                       HumanAge(now - *installed), limit);
  }
  return std::nullopt;
}

}  // namespace kilter::reconciler::kit
