#include "reconciler/providers/mysql_server/value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/units.h"

namespace kilter::reconciler::mysql_server {

using nlohmann::json;
namespace units = catalog::units;

namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool IsInteger(const ServerVariable& var) { return var.type.find("INT") != std::string::npos; }
bool IsDouble(const ServerVariable& var) { return var.type == "DOUBLE"; }
bool IsBoolean(const ServerVariable& var) { return var.type == "BOOLEAN"; }
bool IsWord(const ServerVariable& var) { return var.type == "ENUM" || var.type == "SET"; }

/// "1G" -> 1073741824: a number with the option files' K/M/G/T/P/E suffix.
std::optional<long double> Number(const std::string& raw) {
  if (raw.empty()) return std::nullopt;
  size_t used = 0;
  long double n = 0;
  try {
    n = std::stold(raw, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string rest = Upper(raw.substr(used));
  static const std::string kSuffixes = "KMGTPE";
  if (rest.size() == 1 && kSuffixes.find(rest[0]) != std::string::npos) {
    n *= std::pow(1024.0L, static_cast<long double>(kSuffixes.find(rest[0]) + 1));
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  return n;
}

std::string Quoted(const std::string& s, char quote) {
  std::string out(1, quote);
  for (char c : s) {
    if (c == quote || c == '\\') out += '\\';
    out += c;
  }
  return out + quote;
}

std::string OptionWord(const std::string& s) {
  bool plain = !s.empty() && std::none_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isspace(c) || c == '#' || c == ';' || c == '"' || c == '\'' || c == '\\';
  });
  return plain ? s : Quoted(s, '"');
}

/// Checks `n` against the server's range for `var`.
void CheckRange(long double n, const Declared& d, const ServerVariable& var,
                const std::string& shown) {
  std::optional<long double> min = var.min ? Number(*var.min) : std::nullopt;
  std::optional<long double> max = var.max ? Number(*var.max) : std::nullopt;
  if ((min && n < *min) || (max && n > *max)) {
    throw std::invalid_argument(fmt::format(
        "{} = {} is outside what the server accepts ({}..{}): it would set the nearest bound "
        "and warn \"Truncated incorrect {} value\"",
        d.name, shown, var.min.value_or("?"), var.max.value_or("?"), d.name));
  }
}

}  // namespace

std::vector<Declared> DeclaredOf(const catalog::Resource& resource) {
  std::vector<Declared> out;
  for (const auto& [field, value] : resource.fields.items()) {
    if (field == "variables" || field == "restart" || value.is_null()) continue;
    auto type = resource.field_types.find(field);
    std::string unit = type == resource.field_types.end() ? "" : type->second;
    if (unit != "size" && unit != "duration") unit.clear();
    auto written = resource.field_units.find(field);
    out.push_back({field, value, unit,
                   written == resource.field_units.end() ? "" : written->second});
  }
  if (resource.fields.contains("variables")) {
    for (const auto& [name, value] : resource.fields["variables"].items()) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return c == '-' ? '_' : std::tolower(c); });
      out.push_back({lower, value, "", ""});
    }
  }
  return out;
}

std::string Canonical(const std::string& raw, const ServerVariable& var) {
  if (IsBoolean(var)) {
    std::string w = Upper(raw);
    if (w == "1" || w == "TRUE" || w == "YES") return "ON";
    if (w == "0" || w == "FALSE" || w == "NO") return "OFF";
    return w;
  }
  if (IsInteger(var)) {
    std::optional<long double> n = Number(raw);
    if (!n) return raw;
    long double v = std::floor(*n);
    if (var.block > 1) v = std::floor(v / var.block) * var.block;
    return fmt::format("{:.0f}", v);
  }
  if (IsDouble(var)) {
    std::optional<long double> n = Number(raw);
    return n ? fmt::format("{:.6f}", static_cast<double>(*n)) : raw;
  }
  if (IsWord(var)) return Upper(raw);
  return raw;
}

ServerValue ToServer(const Declared& d, const ServerVariable& var) {
  ServerValue out;
  const json& v = d.value;
  if (v.is_boolean()) {
    if (!IsBoolean(var)) {
      throw std::invalid_argument(fmt::format("{} is a {} variable, not ON/OFF", d.name, var.type));
    }
    out.sql = out.option = out.shown = v.get<bool>() ? "ON" : "OFF";
  } else if (v.is_number_integer()) {
    int64_t n = v.get<int64_t>();
    if (d.unit == "duration") {
      out.shown = units::FormatDuration(n);
      if (IsDouble(var)) {
        out.sql = fmt::format("{:.6f}", static_cast<double>(n) / 1000.0);
      } else if (n % 1000 != 0) {
        throw std::invalid_argument(
            fmt::format("{} counts whole seconds, not {}", d.name, out.shown));
      } else {
        out.sql = std::to_string(n / 1000);
      }
    } else {
      out.shown = d.unit == "size" ? (d.written.empty() ? units::FormatSize(n)
                                                        : units::FormatSizeIn(n, d.written))
                                   : std::to_string(n);
      out.sql = std::to_string(n);
    }
    if (!IsInteger(var) && !IsDouble(var) && !IsBoolean(var)) {
      throw std::invalid_argument(
          fmt::format("{} is a {} variable, not a number", d.name, var.type));
    }
    if (IsInteger(var) || IsDouble(var)) CheckRange(*Number(out.sql), d, var, out.shown);
    out.option = out.sql;
  } else if (v.is_string()) {
    std::string s = v.get<std::string>();
    out.shown = s;
    if (IsInteger(var) || IsDouble(var)) {
      std::optional<long double> n = Number(s);
      if (!n) throw std::invalid_argument(fmt::format("{} takes a number, not \"{}\"", d.name, s));
      CheckRange(*n, d, var, s);
      out.sql = out.option = s;
    } else if (IsBoolean(var)) {
      out.sql = out.option = Canonical(s, var);
      if (out.sql != "ON" && out.sql != "OFF") {
        throw std::invalid_argument(fmt::format("{} takes ON or OFF, not \"{}\"", d.name, s));
      }
    } else {
      if (!var.values.empty() && IsWord(var) &&
          std::find(var.values.begin(), var.values.end(), Upper(s)) == var.values.end()) {
        std::string list;
        for (const std::string& w : var.values) list += (list.empty() ? "" : ", ") + w;
        throw std::invalid_argument(
            fmt::format("{} takes one of {}, not \"{}\"", d.name, list, s));
      }
      out.sql = Quoted(s, '\'');
      out.option = OptionWord(s);
    }
  } else {
    throw std::invalid_argument(
        fmt::format("{} takes an int, a bool or a string, not {}", d.name, v.dump()));
  }
  out.canonical = Canonical(v.is_string() && !IsInteger(var) && !IsDouble(var)
                                ? v.get<std::string>()
                                : out.sql,
                            var);
  return out;
}

std::string Shown(const std::string& raw, const ServerVariable& var, const Declared& d) {
  std::optional<long double> n = Number(raw);
  if (!n || d.value.is_string()) return raw;
  if (d.unit == "size" && IsInteger(var)) {
    int64_t bytes = static_cast<int64_t>(*n);
    return d.written.empty() ? units::FormatSize(bytes) : units::FormatSizeIn(bytes, d.written);
  }
  if (d.unit == "duration") {
    return units::FormatDuration(static_cast<int64_t>(std::llround(*n * 1000)));
  }
  return raw;
}

std::string SqlOf(const std::string& raw, const ServerVariable& var) {
  if (IsInteger(var) || IsDouble(var) || IsBoolean(var)) return raw.empty() ? "DEFAULT" : raw;
  return Quoted(raw, '\'');
}

}  // namespace kilter::reconciler::mysql_server
