#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// The rolling window of a mysql.partitioning resource as plain values: which
/// partitions it needs for a given clock, and how partition bounds are named
/// and written. Pure: no clock, no I/O.
///
/// Time bounds are calendar dates in the server's time zone (the zone NOW()
/// and CURRENT_TIMESTAMP write DATETIME values in): the window's clock is
/// `now` (seconds since the epoch, UTC) shifted by the server's UTC offset.
namespace kilter::reconciler::mysql_partitioning {

enum class Interval { kMonth, kWeek, kDay, kId };

/// "month", "week", "day", "id"; nullopt for another word.
std::optional<Interval> ParseInterval(const std::string& text);

/// One RANGE partition of the window: rows below `upper` (and at or above
/// the previous partition's upper bound).
struct WindowPart {
  std::string name;   ///< p202612 (month), p20261207 (week: its Monday; day), p1000000 (id: its start)
  int64_t upper = 0;  ///< time: local seconds since 1970-01-01 00:00; id: the value
  std::string literal;  ///< the bound as SQL writes it: '2027-01-01' or 2000000
};

/// What the window is declared as.
struct WindowSpec {
  Interval interval = Interval::kMonth;
  int64_t step = 1;  ///< interval = id
  int keep = 12;
  int ahead = 3;
};

/// The partition holding `position` (local seconds, or an id value) and the
/// `keep` before it and `ahead` after it, oldest first.
std::vector<WindowPart> Window(const WindowSpec& spec, int64_t position);

/// The lower bound of the oldest kept partition: partitions whose upper bound
/// is at or below it are older than the window.
int64_t WindowStart(const WindowSpec& spec, int64_t position);

/// Local seconds of a bound as the server writes it ('2027-01-01',
/// '2027-01-01 00:00:00', quoted or not) for a time interval, or the integer
/// of an id bound; nullopt when it is neither (MAXVALUE included).
std::optional<int64_t> ParseBound(Interval interval, const std::string& text);

/// "2027-01-01" or "2027-01-01 06:30:00" for local seconds; the integer for an id.
std::string ShowBound(Interval interval, int64_t bound);

}  // namespace kilter::reconciler::mysql_partitioning
