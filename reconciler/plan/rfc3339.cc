#include "reconciler/plan/rfc3339.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace kilter::reconciler {

std::optional<int64_t> ParseRfc3339(const std::string& text) {
  int y, mo, d, h, mi, s;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) !=
      6) {
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
  sys_days date =
      year{y} / month{static_cast<unsigned>(mo)} / std::chrono::day{static_cast<unsigned>(d)};
  int64_t epoch = duration_cast<seconds>(date.time_since_epoch()).count() + h * 3600 + mi * 60 + s;
  return epoch - offset;
}

std::string FormatRfc3339(int64_t unix) {
  std::time_t t = static_cast<std::time_t>(unix);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace kilter::reconciler
