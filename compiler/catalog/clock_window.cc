#include "compiler/catalog/clock_window.h"

#include <fmt/format.h>

#include <array>
#include <regex>

namespace kilter::catalog {

namespace {

constexpr std::array<const char*, 7> kDays = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/// Minutes after midnight of "HH:MM" (00:00..23:59), or nullopt.
std::optional<int> ParseClock(const std::string& text) {
  static const std::regex clock("([01][0-9]|2[0-3]):([0-5][0-9])");
  std::smatch m;
  if (!std::regex_match(text, m, clock)) return std::nullopt;
  return std::stoi(m[1]) * 60 + std::stoi(m[2]);
}

}  // namespace

std::string RunSchedule::Cron() const {
  return fmt::format("{} {} * * {}", minute % 60, minute / 60,
                     weekday ? std::to_string(*weekday) : "*");
}

long long RunSchedule::PeriodSeconds() const { return weekday ? 7 * 86400 : 86400; }

std::optional<RunSchedule> ParseRunSchedule(const std::string& text) {
  static const std::regex daily("daily (\\S+)");
  static const std::regex weekly("weekly ([a-z]{3}) (\\S+)");
  std::smatch m;
  RunSchedule schedule;
  std::string clock;
  if (std::regex_match(text, m, daily)) {
    clock = m[1];
  } else if (std::regex_match(text, m, weekly)) {
    for (size_t i = 0; i < kDays.size(); ++i) {
      if (m[1] == kDays[i]) schedule.weekday = static_cast<int>(i);
    }
    if (!schedule.weekday) return std::nullopt;
    clock = m[2];
  } else {
    return std::nullopt;
  }
  std::optional<int> minute = ParseClock(clock);
  if (!minute) return std::nullopt;
  schedule.minute = *minute;
  return schedule;
}

bool ClockWindow::Contains(int minute) const {
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end;
}

int ClockWindow::MinutesLeft(int minute) const { return ((end - minute) % 1440 + 1440) % 1440; }

std::optional<ClockWindow> ParseClockWindow(const std::string& text) {
  size_t dash = text.find('-');
  if (dash == std::string::npos) return std::nullopt;
  std::optional<int> start = ParseClock(text.substr(0, dash));
  std::optional<int> end = ParseClock(text.substr(dash + 1));
  if (!start || !end || *start == *end) return std::nullopt;
  return ClockWindow{*start, *end};
}

std::string ShowClock(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

}  // namespace kilter::catalog
