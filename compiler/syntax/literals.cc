#include "compiler/syntax/literals.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <vector>

namespace kilter::compiler::literals {
namespace {

using Kind = ast::Expr::Kind;

constexpr std::string_view kUnitList =
    "sizes: B KiB MiB GiB TiB (binary), KB MB GB TB (decimal); durations: ms s m h d";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Parses leading decimal digits; nullopt on overflow.
std::optional<uint64_t> ParseDigits(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

const Unit* FindUnit(const auto& table, std::string_view suffix) {
  for (const Unit& u : table) {
    if (u.suffix == suffix) return &u;
  }
  return nullptr;
}

/// Spellings people reach for, mapped to the unit the language uses.
struct Alias {
  std::string_view spelling;  // lower case
  std::string_view unit;
};
constexpr Alias kAliases[] = {
    {"k", "KiB"},      {"k", "KB"},      {"m", "MiB"},     {"m", "MB"},     {"g", "GiB"},
    {"g", "GB"},       {"t", "TiB"},     {"t", "TB"},      {"ki", "KiB"},   {"mi", "MiB"},
    {"gi", "GiB"},     {"ti", "TiB"},    {"sec", "s"},     {"secs", "s"},   {"second", "s"},
    {"seconds", "s"},  {"min", "m"},     {"mins", "m"},    {"minute", "m"}, {"minutes", "m"},
    {"hr", "h"},       {"hrs", "h"},     {"hour", "h"},    {"hours", "h"},  {"day", "d"},
    {"days", "d"},     {"msec", "ms"},   {"millis", "ms"}, {"bytes", "B"},  {"byte", "B"},
};

/// "did you mean 256MiB or 256MB?" for a unit written in another case or style.
std::string SuggestUnit(std::string_view number, std::string_view unit) {
  std::vector<std::string_view> candidates;
  std::string lower = Lower(unit);
  auto add = [&](std::string_view u) {
    if (std::find(candidates.begin(), candidates.end(), u) == candidates.end()) {
      candidates.push_back(u);
    }
  };
  for (const Unit& u : kSizeUnits) {
    if (Lower(u.suffix) == lower) add(u.suffix);
  }
  for (const Unit& u : kDurationUnits) {
    if (Lower(u.suffix) == lower) add(u.suffix);
  }
  for (const Alias& a : kAliases) {
    if (a.spelling == lower) add(a.unit);
  }
  if (candidates.empty()) return std::string("units are ") + std::string(kUnitList);
  std::string hint = "did you mean ";
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) hint += i + 1 == candidates.size() ? " or " : ", ";
    hint += std::string(number) + std::string(candidates[i]);
  }
  return hint + "? (units are case-sensitive)";
}

NumberClass Error(std::string code, std::string message, std::string hint = {}) {
  NumberClass c;
  c.code = std::move(code);
  c.message = std::move(message);
  c.hint = std::move(hint);
  return c;
}

NumberClass ClassifyAddress(std::string_view text, std::string_view numeric,
                            std::string_view unit) {
  std::string quoted = "`" + std::string(text) + "`";
  if (!unit.empty()) {
    return Error("E0105", "invalid IP address " + quoted,
                 "an address is four numbers 0-255 separated by dots, optionally /PREFIX");
  }
  size_t slash = numeric.find('/');
  std::string_view addr = numeric.substr(0, slash);
  size_t groups = 0;
  size_t start = 0;
  while (start <= addr.size()) {
    size_t dot = addr.find('.', start);
    std::string_view part = addr.substr(start, dot == std::string_view::npos ? dot : dot - start);
    ++groups;
    auto value = ParseDigits(part);
    if (part.size() > 3 || !value || *value > 255) {
      return Error("E0105", "invalid IP address " + quoted + ": `" + std::string(part) +
                                "` is not a number from 0 to 255");
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (groups != 4) {
    return Error("E0105",
                 "invalid IP address " + quoted + ": an IPv4 address has four parts, not " +
                     std::to_string(groups),
                 "IPv6 addresses are written as strings, e.g. \"2001:db8::1\"");
  }
  if (slash == std::string_view::npos) {
    NumberClass c;
    c.kind = Kind::kIp;
    return c;
  }
  std::string_view prefix = numeric.substr(slash + 1);
  auto bits = ParseDigits(prefix);
  if (prefix.size() > 2 || !bits || *bits > 32) {
    return Error("E0105", "invalid CIDR " + quoted + ": the prefix length must be 0 to 32");
  }
  NumberClass c;
  c.kind = Kind::kCidr;
  return c;
}

/// Splits `1h30m` into its parts; false when a part has no unit or an unknown one.
bool SplitDuration(std::string_view text, std::vector<std::pair<uint64_t, const Unit*>>& parts,
                   std::string_view& bad_unit) {
  size_t i = 0;
  while (i < text.size()) {
    size_t digits_end = i;
    while (digits_end < text.size() && IsDigit(text[digits_end])) ++digits_end;
    size_t unit_end = digits_end;
    while (unit_end < text.size() && !IsDigit(text[unit_end])) ++unit_end;
    std::string_view unit = text.substr(digits_end, unit_end - digits_end);
    auto value = ParseDigits(text.substr(i, digits_end - i));
    const Unit* u = FindUnit(kDurationUnits, unit);
    if (digits_end == i || !u || !value) {
      bad_unit = unit;
      return false;
    }
    parts.emplace_back(*value, u);
    i = unit_end;
  }
  return true;
}

}  // namespace

NumberClass ClassifyNumber(std::string_view text) {
  size_t unit_at = 0;
  while (unit_at < text.size() &&
         (IsDigit(text[unit_at]) || text[unit_at] == '.' || text[unit_at] == '/')) {
    ++unit_at;
  }
  std::string_view numeric = text.substr(0, unit_at);
  std::string_view unit = text.substr(unit_at);
  size_t dots = static_cast<size_t>(std::count(numeric.begin(), numeric.end(), '.'));
  std::string quoted = "`" + std::string(text) + "`";
  if (dots >= 2 || numeric.find('/') != std::string_view::npos) {
    return ClassifyAddress(text, numeric, unit);
  }
  if (dots == 1) {
    if (!unit.empty()) {
      return Error("E0104", "invalid number " + quoted + ": sizes and durations are whole numbers",
                   "use a smaller unit, e.g. 1536MiB instead of 1.5GiB, 1500ms instead of 1.5s");
    }
    NumberClass c;
    c.kind = Kind::kFloat;
    return c;
  }
  auto value = ParseDigits(numeric);
  if (!value || *value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Error("E0104", "number " + quoted + " is too large",
                 "numbers are 64-bit: at most 9223372036854775807");
  }
  NumberClass c;
  if (unit.empty()) {
    c.kind = Kind::kInt;
    return c;
  }
  if (FindUnit(kSizeUnits, unit)) {
    c.kind = Kind::kSize;
    return c;
  }
  std::vector<std::pair<uint64_t, const Unit*>> parts;
  std::string_view bad_unit;
  if (SplitDuration(text, parts, bad_unit)) {
    for (size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].second->factor >= parts[i - 1].second->factor) {
        return Error("E0104",
                     "invalid duration " + quoted + ": write its parts from the largest unit to "
                                                    "the smallest, each once",
                     "e.g. 1h30m or 2m30s");
      }
    }
    c.kind = Kind::kDuration;
    return c;
  }
  if (bad_unit.empty() || FindUnit(kSizeUnits, bad_unit)) bad_unit = unit;
  return Error("E0104", "unknown unit `" + std::string(bad_unit) + "` in " + quoted,
               SuggestUnit(numeric, bad_unit));
}

std::optional<uint64_t> SizeBytes(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  const Unit* u = FindUnit(kSizeUnits, text.substr(i));
  auto value = ParseDigits(text.substr(0, i));
  if (i == 0 || !u || !value) return std::nullopt;
  if (*value > std::numeric_limits<uint64_t>::max() / u->factor) return std::nullopt;
  return *value * u->factor;
}

std::optional<uint64_t> DurationMillis(std::string_view text) {
  std::vector<std::pair<uint64_t, const Unit*>> parts;
  std::string_view bad_unit;
  if (text.empty() || !SplitDuration(text, parts, bad_unit)) return std::nullopt;
  uint64_t total = 0;
  for (auto [value, unit] : parts) {
    if (value > (std::numeric_limits<uint64_t>::max() - total) / unit->factor) return std::nullopt;
    total += value * unit->factor;
  }
  return total;
}

std::string EscapeString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '$':
        out += (i + 1 < text.size() && text[i + 1] == '{') ? "\\$" : "$";
        break;
      default: out += c;
    }
  }
  return out;
}

bool IsIdentifier(std::string_view text) {
  if (text.empty() || IsDigit(text[0])) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
}

}  // namespace kilter::compiler::literals
