#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kilter::catalog {

/// A parsed cron schedule (the five fields of crontab(5), names and the
/// @daily-style macros included). Shared by the compiler, which rejects bad
/// expressions at compile time, and providers, which reason about intervals.
struct CronSchedule {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;  ///< 1..31
  std::bitset<13> months;         ///< 1..12
  std::bitset<7> days_of_week;    ///< 0..6, Sunday = 0
  bool dom_restricted = false;    ///< the field was not '*': cron ORs dom and dow then
  bool dow_restricted = false;

  /// True when the schedule fires at this minute (calendar fields as cron sees them).
  bool Matches(int minute, int hour, int day_of_month, int month, int day_of_week) const;
};

/// Why an expression is not a valid schedule, and where (byte offset in it).
struct CronError {
  std::string message;
  size_t offset = 0;
  size_t length = 0;
};

/// Parses `expr`; on failure returns nullopt and fills `error`.
std::optional<CronSchedule> ParseCron(std::string_view expr, CronError& error);

/// The longest time between two consecutive firings, found by walking a
/// whole (leap) year minute by minute from a fixed date; nullopt when the
/// schedule never fires (e.g. "0 0 31 2 *").
std::optional<std::chrono::minutes> LongestGap(const CronSchedule& schedule);

}  // namespace kilter::catalog
