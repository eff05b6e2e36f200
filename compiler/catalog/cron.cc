#include "compiler/catalog/cron.h"

#include <array>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace kilter::catalog {

namespace {

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  ///< value names starting at `min`, or null
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr FieldSpec kFields[] = {
    {"minute", 0, 59, nullptr},     {"hour", 0, 23, nullptr},
    {"day of month", 1, 31, nullptr}, {"month", 1, 12, kMonthNames},
    {"day of week", 0, 7, kDayNames},
};

struct Token {
  std::string_view text;
  size_t offset;
};

std::optional<int> ParseValue(const FieldSpec& spec, std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  if (spec.names && text.size() == 3) {
    int count = spec.max - spec.min + 1 - (spec.names == kDayNames ? 1 : 0);
    for (int i = 0; i < count; ++i) {
      std::string lower;
      for (char c : text) lower += static_cast<char>(c | 0x20);
      if (lower == spec.names[i]) return spec.min + i;
    }
  }
  return std::nullopt;
}

/// Parses one field ("*/15", "1-5", "mon,wed", ...) into `bits` (indexed by value).
bool ParseField(const FieldSpec& spec, Token field, std::vector<bool>& bits, CronError& error) {
  auto fail = [&](size_t off, size_t len, std::string message) {
    error = {std::move(message), field.offset + off, len};
    return false;
  };
  size_t start = 0;
  while (start <= field.text.size()) {
    size_t comma = field.text.find(',', start);
    if (comma == std::string_view::npos) comma = field.text.size();
    std::string_view item = field.text.substr(start, comma - start);
    if (item.empty()) return fail(start, 1, fmt::format("empty item in the {} field", spec.name));
    int step = 1;
    std::string_view range = item;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      std::string_view step_text = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (ec != std::errc() || end != step_text.data() + step_text.size() || step <= 0) {
        return fail(start + slash + 1, step_text.size(),
                    fmt::format("the step in the {} field must be a positive number", spec.name));
      }
    }
    int lo = spec.min;
    int hi = spec.max;
    if (range != "*") {
      size_t dash = range.find('-');
      auto first = ParseValue(spec, range.substr(0, dash));
      if (!first) {
        return fail(start, range.substr(0, dash).size(),
                    fmt::format("'{}' is not a valid {}", range.substr(0, dash), spec.name));
      }
      lo = hi = *first;
      if (dash != std::string_view::npos) {
        auto last = ParseValue(spec, range.substr(dash + 1));
        if (!last) {
          return fail(start + dash + 1, range.size() - dash - 1,
                      fmt::format("'{}' is not a valid {}", range.substr(dash + 1), spec.name));
        }
        hi = *last;
      } else if (step != 1) {
        hi = spec.max;  // "5/15" means from 5 to the end, every 15
      }
      if (lo < spec.min || hi > spec.max || lo > hi) {
        return fail(start, range.size(),
                    fmt::format("{} out of range: the {} field takes {}..{}", range, spec.name,
                                spec.min, spec.max));
      }
    }
    for (int v = lo; v <= hi; v += step) bits[v] = true;
    start = comma + 1;
  }
  return true;
}

std::string_view Macro(std::string_view expr) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kMacros = {{
      {"@yearly", "0 0 1 1 *"},
      {"@annually", "0 0 1 1 *"},
      {"@monthly", "0 0 1 * *"},
      {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},
      {"@midnight", "0 0 * * *"},
      {"@hourly", "0 * * * *"},
  }};
  for (const auto& [name, expansion] : kMacros) {
    if (expr == name) return expansion;
  }
  return {};
}

}  // namespace

bool CronSchedule::Matches(int minute, int hour, int dom, int month, int dow) const {
  if (!minutes[minute] || !hours[hour] || !months[month]) return false;
  bool dom_ok = days_of_month[dom];
  bool dow_ok = days_of_week[dow];
  if (dom_restricted && dow_restricted) return dom_ok || dow_ok;
  return dom_ok && dow_ok;
}

std::optional<CronSchedule> ParseCron(std::string_view expr, CronError& error) {
  if (!expr.empty() && expr[0] == '@') {
    std::string_view expansion = Macro(expr);
    if (expansion.empty()) {
      error = {fmt::format("unknown schedule '{}': use five fields or one of @hourly @daily "
                           "@weekly @monthly @yearly",
                           expr),
               0, expr.size()};
      return std::nullopt;
    }
    return ParseCron(expansion, error);
  }
  std::vector<Token> tokens;
  for (size_t i = 0; i < expr.size();) {
    if (expr[i] == ' ' || expr[i] == '\t') {
      ++i;
      continue;
    }
    size_t end = expr.find_first_of(" \t", i);
    if (end == std::string_view::npos) end = expr.size();
    tokens.push_back({expr.substr(i, end - i), i});
    i = end;
  }
  if (tokens.size() != 5) {
    error = {fmt::format("a cron schedule has 5 fields (minute hour day-of-month month "
                         "day-of-week), this one has {}",
                         tokens.size()),
             0, expr.size()};
    return std::nullopt;
  }
  CronSchedule schedule;
  for (size_t f = 0; f < 5; ++f) {
    std::vector<bool> bits(kFields[f].max + 1, false);
    if (!ParseField(kFields[f], tokens[f], bits, error)) return std::nullopt;
    for (int v = kFields[f].min; v <= kFields[f].max; ++v) {
      if (!bits[v]) continue;
      switch (f) {
        case 0: schedule.minutes.set(v); break;
        case 1: schedule.hours.set(v); break;
        case 2: schedule.days_of_month.set(v); break;
        case 3: schedule.months.set(v); break;
        case 4: schedule.days_of_week.set(v % 7); break;
      }
    }
  }
  schedule.dom_restricted = tokens[2].text != "*";
  schedule.dow_restricted = tokens[4].text != "*";
  return schedule;
}

std::optional<std::chrono::minutes> LongestGap(const CronSchedule& schedule) {
  using namespace std::chrono;
  // Two years from a Monday, 2024-01-01, so leap days and every weekday/date
  // combination appear; the gap wraps around to the first firing.
  const sys_days start = sys_days(year{2024} / January / 1);
  const int kDays = 731;
  long first = -1;
  long previous = -1;
  long longest = 0;
  for (int d = 0; d < kDays; ++d) {
    sys_days day = start + days(d);
    year_month_day ymd(day);
    int dow = static_cast<int>(weekday(day).c_encoding());
    int dom = static_cast<int>(static_cast<unsigned>(ymd.day()));
    int month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    if (!schedule.months[month]) continue;
    bool dom_ok = schedule.days_of_month[dom];
    bool dow_ok = schedule.days_of_week[dow];
    bool day_ok = (schedule.dom_restricted && schedule.dow_restricted) ? (dom_ok || dow_ok)
                                                                       : (dom_ok && dow_ok);
    if (!day_ok) continue;
    for (int h = 0; h < 24; ++h) {
      if (!schedule.hours[h]) continue;
      for (int m = 0; m < 60; ++m) {
        if (!schedule.minutes[m]) continue;
        long t = static_cast<long>(d) * 1440 + h * 60 + m;
        if (first < 0) first = t;
        if (previous >= 0 && t - previous > longest) longest = t - previous;
        previous = t;
      }
    }
  }
  if (first < 0) return std::nullopt;
  if (first == previous) return minutes(static_cast<long>(kDays) * 1440);
  return minutes(longest);
}

}  // namespace kilter::catalog
