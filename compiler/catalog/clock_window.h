#pragma once

#include <optional>
#include <string>

/// The schedule and the window of a mysql.maintenance resource, in the
/// host's local time. Shared by the compiler, which lints an analyze time
/// outside its window, and the provider, which installs the schedule and
/// keeps its runs inside the window.
namespace kilter::catalog {

/// "daily 03:30" or "weekly sun 03:30": when the run starts.
struct RunSchedule {
  std::optional<int> weekday;  ///< 0..6, Sunday = 0; nullopt: every day
  int minute = 0;              ///< minutes after local midnight

  /// The crontab(5) time fields: "30 3 * * *", "30 3 * * 0".
  std::string Cron() const;
  /// How long between two runs: a day, or a week.
  long long PeriodSeconds() const;
};

/// The schedule `text` says, or nullopt when it is not one of the two forms.
std::optional<RunSchedule> ParseRunSchedule(const std::string& text);

/// "03:00-05:00": the minutes of a day a run may start a table in. A window
/// whose end is before its start crosses midnight ("23:00-01:00" runs from
/// 23:00 to 01:00 the next day); start and end are never equal.
struct ClockWindow {
  int start = 0;  ///< minutes after local midnight
  int end = 0;

  /// True when `minute` (after local midnight) is inside [start, end).
  bool Contains(int minute) const;
  /// Minutes from `minute` (inside the window) to its end.
  int MinutesLeft(int minute) const;
};

/// The window `text` says, or nullopt when it is malformed (not HH:MM-HH:MM,
/// an hour over 23, a minute over 59) or has no length (start == end).
std::optional<ClockWindow> ParseClockWindow(const std::string& text);

/// "03:30" for 210 minutes after midnight.
std::string ShowClock(int minute);

}  // namespace kilter::catalog
