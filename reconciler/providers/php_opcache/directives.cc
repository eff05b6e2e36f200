#include "reconciler/providers/php_opcache/directives.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

namespace {

constexpr int64_t kMiB = 1024 * 1024;

/// The size directives PHP reads as a count of megabytes; it reads the
/// others as bytes with an optional K/M/G suffix.
bool InMegabytes(const std::string& field) {
  return field == "memory_consumption" || field == "interned_strings_buffer";
}

/// PHP's zend_ini_parse_bool: on/yes/true are true, otherwise a number's
/// truth (so "", "off" and "no" are false).
bool ParseBool(const std::string& raw) {
  std::string v = catalog::Lower(catalog::Trim(raw));
  if (v == "on" || v == "yes" || v == "true") return true;
  return std::atoll(v.c_str()) != 0;
}

/// The leading integer of `raw` as PHP's ini parser reads it (0x, 0o, 0b
/// and a leading 0 choose the base, so "0x7FFEBFFF" is 2147401727); nullopt
/// when there is none.
std::optional<int64_t> LeadingInt(const std::string& raw) {
  std::string v = catalog::Trim(raw);
  bool negative = !v.empty() && v[0] == '-';
  size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
  if (i >= v.size() || !std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
  int base = 10;
  if (v[i] == '0' && i + 1 < v.size()) {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(v[i + 1])));
    if (p == 'x' || p == 'o' || p == 'b') {
      base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      i += 2;
    } else if (std::isdigit(static_cast<unsigned char>(p))) {
      base = 8;
    }
  }
  try {
    int64_t n = std::stoll(v.substr(i), nullptr, base);
    return negative ? -n : n;
  } catch (const std::exception&) {
    return base == 10 ? std::nullopt : std::optional<int64_t>(0);
  }
}

/// A byte count with PHP's optional K/M/G suffix.
std::optional<int64_t> ParseQuantity(const std::string& raw) {
  std::string v = catalog::Trim(raw);
  std::optional<int64_t> n = LeadingInt(v);
  if (!n) return std::nullopt;
  switch (std::tolower(static_cast<unsigned char>(v.back()))) {
    case 'k': return *n * 1024;
    case 'm': return *n * kMiB;
    case 'g': return *n * 1024 * kMiB;
    default: return n;
  }
}

/// opcache.jit in one spelling per mode (zend_jit_config's synonyms).
std::string CanonicalJit(const std::string& raw) {
  std::string v = catalog::Lower(catalog::Trim(raw));
  if (v.empty() || v == "0" || v == "off" || v == "no" || v == "false") return "off";
  if (v == "1" || v == "on" || v == "yes" || v == "true") return "tracing";
  return v;
}

int64_t WholeNumber(const std::string& field, const json& value, const char* what) {
  if (!value.is_number()) {
    throw std::invalid_argument(fmt::format("{}: expected {}, got {}", field, what, value.dump()));
  }
  double d = value.get<double>();
  if (std::floor(d) != d) {
    throw std::invalid_argument(fmt::format("{}: {} is not a whole number", field, value.dump()));
  }
  return value.get<int64_t>();
}

std::string RenderQuantity(int64_t bytes) {
  if (bytes != 0 && bytes % (1024 * kMiB) == 0) return fmt::format("{}G", bytes / (1024 * kMiB));
  if (bytes != 0 && bytes % kMiB == 0) return fmt::format("{}M", bytes / kMiB);
  if (bytes != 0 && bytes % 1024 == 0) return fmt::format("{}K", bytes / 1024);
  return std::to_string(bytes);
}

std::string QuoteString(const std::string& field, const std::string& s) {
  // Inside double quotes PHP's ini parser keeps text verbatim except for
  // these, which kilter refuses rather than escape in a way PHP may not read
  // back the same.
  if (s.find_first_of("\"\n\r\\") != std::string::npos || s.find("${") != std::string::npos) {
    throw std::invalid_argument(fmt::format(
        "{}: {} cannot be written to an ini file (it holds a quote, backslash, newline or ${{)",
        field, json(s).dump()));
  }
  return "\"" + s + "\"";
}

}  // namespace

std::string DirectiveName(const std::string& field) { return "opcache." + field; }

Field FieldOf(const catalog::Resource& resource, const std::string& name) {
  auto it = resource.field_types.find(name);
  return Field(name, it == resource.field_types.end() ? "" : it->second);
}

bool IsForcedInValidation(const std::string& field) { return field == "enable_cli"; }

bool IsWindowsOnly(const std::string& field) {
  return field == "mmap_base" || field == "file_cache_fallback";
}

DirectiveKind KindOf(const Field& field, const json& desired) {
  if (field.name == "jit") return DirectiveKind::kJit;
  std::string type = field.type.ends_with("?") ? field.type.substr(0, field.type.size() - 1)
                                               : field.type;
  if (type == "size") {
    return InMegabytes(field.name) ? DirectiveKind::kMegabytes : DirectiveKind::kQuantity;
  }
  if (type == "duration") return DirectiveKind::kSeconds;
  if (desired.is_boolean()) return DirectiveKind::kBool;
  if (desired.is_number_integer()) return DirectiveKind::kInt;
  if (desired.is_number()) return DirectiveKind::kFloat;
  return DirectiveKind::kString;
}

std::string RenderIni(const Field& f, const json& desired) {
  const std::string& field = f.name;
  switch (KindOf(f, desired)) {
    case DirectiveKind::kBool:
      if (!desired.is_boolean()) {
        throw std::invalid_argument(fmt::format("{}: expected a bool, got {}", field,
                                                desired.dump()));
      }
      return desired.get<bool>() ? "1" : "0";
    case DirectiveKind::kInt:
      return std::to_string(WholeNumber(field, desired, "an integer"));
    case DirectiveKind::kFloat:
      if (!desired.is_number()) {
        throw std::invalid_argument(fmt::format("{}: expected a number, got {}", field,
                                                desired.dump()));
      }
      return desired.dump();
    case DirectiveKind::kMegabytes: {
      int64_t bytes = WholeNumber(field, desired, "a size");
      if (bytes % kMiB != 0) {
        throw std::invalid_argument(fmt::format(
            "{}: PHP reads this directive in whole megabytes; {} bytes is not a multiple of 1MiB",
            field, bytes));
      }
      return std::to_string(bytes / kMiB);
    }
    case DirectiveKind::kQuantity:
      return RenderQuantity(WholeNumber(field, desired, "a size"));
    case DirectiveKind::kSeconds: {
      int64_t ms = WholeNumber(field, desired, "a duration");
      if (ms % 1000 != 0) {
        throw std::invalid_argument(fmt::format(
            "{}: PHP reads this directive in whole seconds; {}ms is not a multiple of 1s", field,
            ms));
      }
      return std::to_string(ms / 1000);
    }
    case DirectiveKind::kJit:
    case DirectiveKind::kString:
      if (desired.is_number_integer()) return std::to_string(desired.get<int64_t>());
      if (!desired.is_string()) {
        throw std::invalid_argument(fmt::format("{}: expected a string, got {}", field,
                                                desired.dump()));
      }
      return QuoteString(field, desired.get<std::string>());
  }
  return "";
}

json Canonical(const Field& f, const json& desired) {
  switch (KindOf(f, desired)) {
    case DirectiveKind::kJit:
      return CanonicalJit(desired.is_string() ? desired.get<std::string>() : desired.dump());
    case DirectiveKind::kFloat:
      return desired.is_number() ? json(desired.get<double>()) : desired;
    case DirectiveKind::kString:
      return desired.is_number_integer() ? json(std::to_string(desired.get<int64_t>())) : desired;
    default:
      return desired;
  }
}

json NormalizeLive(const Field& f, const json& desired, const json& raw_json) {
  std::string raw = raw_json.is_string() ? raw_json.get<std::string>() : "";
  switch (KindOf(f, desired)) {
    case DirectiveKind::kBool:
      return ParseBool(raw);
    case DirectiveKind::kInt: {
      std::optional<int64_t> n = LeadingInt(raw);
      return n ? json(*n) : json(raw);
    }
    case DirectiveKind::kFloat:
      try {
        return std::stod(raw);
      } catch (const std::exception&) {
        return raw;
      }
    case DirectiveKind::kMegabytes: {
      std::optional<int64_t> n = LeadingInt(raw);
      return n ? json(*n * kMiB) : json(raw);
    }
    case DirectiveKind::kQuantity: {
      std::optional<int64_t> n = ParseQuantity(raw);
      return n ? json(*n) : json(raw);
    }
    case DirectiveKind::kSeconds: {
      std::optional<int64_t> n = LeadingInt(raw);
      return n ? json(*n * 1000) : json(raw);
    }
    case DirectiveKind::kJit:
      return CanonicalJit(raw);
    case DirectiveKind::kString:
      return raw;
  }
  return raw;
}

}  // namespace kilter::reconciler::php_opcache
