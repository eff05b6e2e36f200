#include "reconciler/providers/mysql_partitioning/window.h"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace kilter::reconciler::mysql_partitioning {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int64_t kDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

year_month_day Date(int64_t days) { return year_month_day{sys_days{std::chrono::days{days}}}; }

int64_t Days(const year_month_day& date) { return sys_days{date}.time_since_epoch().count(); }

/// The index of the period holding `position`: months since year 0, ISO
/// weeks and days since the epoch, or steps of an id.
int64_t Period(const WindowSpec& spec, int64_t position) {
  int64_t days = FloorDiv(position, kDay);
  switch (spec.interval) {
    case Interval::kMonth: {
      year_month_day d = Date(days);
      return int64_t{static_cast<int>(d.year())} * 12 + static_cast<unsigned>(d.month()) - 1;
    }
    // 1970-01-01 was a Thursday: its week began on Monday 1969-12-29, day -3.
    case Interval::kWeek: return FloorDiv(days + 3, 7);
    case Interval::kDay: return days;
    case Interval::kId: return FloorDiv(position, spec.step);
  }
  return 0;
}

/// Where period `k` starts: local seconds, or an id.
int64_t Start(const WindowSpec& spec, int64_t k) {
  switch (spec.interval) {
    case Interval::kMonth: {
      std::chrono::year y{static_cast<int>(FloorDiv(k, 12))};
      std::chrono::month m{static_cast<unsigned>(k - FloorDiv(k, 12) * 12 + 1)};
      return Days(y / m / 1) * kDay;
    }
    case Interval::kWeek: return (k * 7 - 3) * kDay;
    case Interval::kDay: return k * kDay;
    case Interval::kId: return k * spec.step;
  }
  return 0;
}

std::string DateText(int64_t seconds, const char* pattern) {
  year_month_day d = Date(FloorDiv(seconds, kDay));
  return fmt::format(fmt::runtime(pattern), static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string Name(const WindowSpec& spec, int64_t start) {
  switch (spec.interval) {
    case Interval::kMonth: return DateText(start, "p{:04}{:02}");
    case Interval::kWeek:
    case Interval::kDay: return DateText(start, "p{:04}{:02}{:02}");
    case Interval::kId: return start < 0 ? fmt::format("pm{}", -start) : fmt::format("p{}", start);
  }
  return "";
}

}  // namespace

std::optional<Interval> ParseInterval(const std::string& text) {
  if (text == "month") return Interval::kMonth;
  if (text == "week") return Interval::kWeek;
  if (text == "day") return Interval::kDay;
  if (text == "id") return Interval::kId;
  return std::nullopt;
}

std::vector<WindowPart> Window(const WindowSpec& spec, int64_t position) {
  int64_t current = Period(spec, position);
  std::vector<WindowPart> parts;
  for (int64_t k = current - spec.keep; k <= current + spec.ahead; ++k) {
    int64_t upper = Start(spec, k + 1);
    parts.push_back({Name(spec, Start(spec, k)), upper,
                     spec.interval == Interval::kId ? std::to_string(upper)
                                                    : "'" + ShowBound(spec.interval, upper) + "'"});
  }
  return parts;
}

int64_t WindowStart(const WindowSpec& spec, int64_t position) {
  return Start(spec, Period(spec, position) - spec.keep);
}

std::optional<int64_t> ParseBound(Interval interval, const std::string& text) {
  std::string t = text;
  if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') t = t.substr(1, t.size() - 2);
  int consumed = 0;
  if (interval == Interval::kId) {
    long long v = 0;
    if (std::sscanf(t.c_str(), "%lld%n", &v, &consumed) != 1 ||
        static_cast<size_t>(consumed) != t.size()) {
      return std::nullopt;
    }
    return v;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) return std::nullopt;
  if (static_cast<size_t>(consumed) != t.size()) {
    int more = 0;
    if (std::sscanf(t.c_str() + consumed, " %2d:%2d:%2d%n", &h, &mi, &s, &more) != 3 ||
        static_cast<size_t>(consumed + more) != t.size()) {
      return std::nullopt;
    }
  }
  year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                      std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return Days(date) * kDay + h * 3600 + mi * 60 + s;
}

std::string ShowBound(Interval interval, int64_t bound) {
  if (interval == Interval::kId) return std::to_string(bound);
  std::string date = DateText(bound, "{:04}-{:02}-{:02}");
  int64_t rest = bound - FloorDiv(bound, kDay) * kDay;
  if (rest == 0) return date;
  return fmt::format("{} {:02}:{:02}:{:02}", date, rest / 3600, rest / 60 % 60, rest % 60);
}

}  // namespace kilter::reconciler::mysql_partitioning
