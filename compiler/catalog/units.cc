#include "compiler/catalog/units.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>

namespace kilter::catalog::units {

namespace {

struct Unit {
  std::string_view suffix;
  int64_t factor;
};

constexpr int64_t kKi = 1024;
constexpr Unit kSizeUnits[] = {
    {"TiB", kKi* kKi* kKi* kKi},
    {"GiB", kKi* kKi* kKi},
    {"MiB", kKi* kKi},
    {"KiB", kKi},
    {"TB", 1000'000'000'000},
    {"GB", 1000'000'000},
    {"MB", 1000'000},
    {"KB", 1000},
    {"B", 1},
};
constexpr Unit kDurationUnits[] = {
    {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1000}, {"ms", 1},
};

Parsed ParseWithUnits(std::string_view text, std::span<const Unit> table, const char* what,
                      const char* spelled) {
  size_t digits = 0;
  while (digits < text.size() && ((text[digits] >= '0' && text[digits] <= '9') ||
                                  text[digits] == '.' || text[digits] == '_')) {
    ++digits;
  }
  std::string number;
  for (char c : text.substr(0, digits)) {
    if (c != '_') number += c;
  }
  std::string_view suffix = text.substr(digits);
  if (number.empty())
    return {0, fmt::format("`{}` is not a {}: it must start with a number", text, what)};
  const Unit* unit = nullptr;
  for (const Unit& u : table) {
    if (u.suffix == suffix) unit = &u;
  }
  if (!unit) {
    return {0, suffix.empty()
                   ? fmt::format("`{}` has no unit; a {} needs one of {}", text, what, spelled)
                   : fmt::format("`{}` is not a unit of {}; use one of {}", suffix, what, spelled)};
  }
  if (number.find('.') == std::string::npos) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    int64_t out = 0;
    if (ec != std::errc() || end != number.data() + number.size() ||
        __builtin_mul_overflow(n, unit->factor, &out)) {
      return {0, fmt::format("`{}` is too large for a {}", text, what)};
    }
    return {out, {}};
  }
  double d = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), d);
  if (ec != std::errc() || end != number.data() + number.size()) {
    return {0, fmt::format("`{}` is not a number", number)};
  }
  double scaled = d * static_cast<double>(unit->factor);
  if (scaled >= 9.2e18) return {0, fmt::format("`{}` is too large for a {}", text, what)};
  if (scaled != std::floor(scaled)) {
    return {0, fmt::format("`{}` is not a whole number of {}", text,
                           table.back().suffix == "B" ? "bytes" : "milliseconds")};
  }
  return {static_cast<int64_t>(scaled), {}};
}

std::string FormatWithUnits(int64_t value, std::span<const Unit> table) {
  if (value == 0) return fmt::format("0{}", table.back().suffix);
  for (const Unit& u : table) {
    if (value % u.factor == 0) return fmt::format("{}{}", value / u.factor, u.suffix);
  }
  return fmt::format("{}{}", value, table.back().suffix);
}

/// `value` in the unit of `table` spelled `unit`, when exact; else empty.
std::string FormatIn(int64_t value, std::string_view unit, std::span<const Unit> table) {
  for (const Unit& u : table) {
    if (u.suffix == unit && value % u.factor == 0) {
      return fmt::format("{}{}", value / u.factor, u.suffix);
    }
  }
  return "";
}

}  // namespace

Parsed ParseSize(std::string_view text) {
  return ParseWithUnits(text, kSizeUnits, "size", "B KiB MiB GiB TiB KB MB GB TB");
}

Parsed ParseDuration(std::string_view text) {
  // A compound duration (`1h30m`) is its parts added up, largest unit first.
  const std::string_view original = text;
  Parsed total;
  size_t last_unit = 0;
  if (text.empty()) return {0, "an empty text is not a duration"};
  while (!text.empty()) {
    size_t end = 0;
    while (end < text.size() && !(text[end] >= 'a' && text[end] <= 'z')) ++end;
    while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') ++end;
    Parsed part = ParseWithUnits(text.substr(0, end), kDurationUnits, "duration", "ms s m h d");
    if (!part.error.empty()) return part;
    size_t unit = 0;
    std::string_view suffix = text.substr(0, end);
    for (size_t u = 0; u < std::size(kDurationUnits); ++u) {
      if (suffix.ends_with(kDurationUnits[u].suffix)) unit = u;
    }
    if (total.value != 0 && unit <= last_unit) {
      return {0, fmt::format("`{}`: the parts of a duration go from the largest unit to the "
                             "smallest, each once, like 1h30m",
                             original)};
    }
    if (__builtin_add_overflow(total.value, part.value, &total.value)) {
      return {0, fmt::format("`{}` is too large for a duration", original)};
    }
    last_unit = unit;
    text.remove_prefix(end);
  }
  return total;
}

std::string FormatSize(int64_t bytes) {
  if (bytes == std::numeric_limits<int64_t>::min()) return fmt::format("{}B", bytes);
  if (bytes < 0) return "-" + FormatSize(-bytes);
  return FormatWithUnits(bytes, kSizeUnits);
}

std::string FormatDuration(int64_t ms) {
  if (ms == std::numeric_limits<int64_t>::min()) return fmt::format("{}ms", ms);
  if (ms < 0) return "-" + FormatDuration(-ms);
  return FormatWithUnits(ms, kDurationUnits);
}

std::string UnitOf(std::string_view literal) {
  bool size = ParseSize(literal).error.empty();
  if (!size && !ParseDuration(literal).error.empty()) return "";
  size_t start = literal.size();
  while (start > 0 && std::isalpha(static_cast<unsigned char>(literal[start - 1]))) --start;
  return std::string(literal.substr(start));
}

std::string FormatSizeIn(int64_t bytes, std::string_view unit) {
  std::string exact = FormatIn(bytes, unit, kSizeUnits);
  return exact.empty() ? FormatSize(bytes) : exact;
}

std::string FormatDurationIn(int64_t ms, std::string_view unit) {
  std::string exact = FormatIn(ms, unit, kDurationUnits);
  return exact.empty() ? FormatDuration(ms) : exact;
}

}  // namespace kilter::catalog::units
