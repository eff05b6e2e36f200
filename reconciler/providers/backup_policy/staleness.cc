#include "reconciler/providers/backup_policy/staleness.h"

#include <cstdio>

#include <fmt/format.h>

namespace kilter::reconciler::backup {

std::optional<int64_t> ParseRfc3339(const std::string& text) {
  int y, mo, d, h, mi, s;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) {
    return std::nullopt;
  }
  size_t pos = static_cast<size_t>(consumed);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  int64_t offset = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    offset = (text[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else if (pos >= text.size() || text[pos] != 'Z') {
    return std::nullopt;
  }
  using namespace std::chrono;
  sys_days date = year{y} / month{static_cast<unsigned>(mo)} / std::chrono::day{static_cast<unsigned>(d)};
  int64_t epoch = duration_cast<seconds>(date.time_since_epoch()).count() + h * 3600 + mi * 60 + s;
  return epoch - offset;
}

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
