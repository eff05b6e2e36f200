#include "reconciler/providers/php_opcache/import.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/php_opcache/directives.h"

namespace kilter::reconciler::php_opcache {

namespace {

using nlohmann::json;

/// A value in catalog units as the field writes it.
kit::SpecValue ValueOf(const Field& field, const json& value) {
  if (field.type == "size") return kit::SpecValue::Size(value.get<uint64_t>());
  if (field.type == "duration") return kit::SpecValue::Duration(value.get<int64_t>());
  if (value.is_boolean()) return kit::SpecValue::Bool(value.get<bool>());
  if (value.is_number_integer()) return kit::SpecValue::Int(value.get<int64_t>());
  if (value.is_number()) return kit::SpecValue::Float(value.get<double>());
  if (value.is_string()) return kit::SpecValue::String(value.get<std::string>());
  throw std::invalid_argument("PHP reports " + value.dump());
}

/// The field a --directive names ("opcache.jit" or "jit").
std::string FieldNamed(const std::string& name) {
  return name.starts_with("opcache.") ? name.substr(8) : name;
}

/// A JIT mode with no buffer is what PHP 8.2 runs by default (tracing, 0B):
/// the schema warns about it (W0201, the JIT never runs), so the imported
/// resource accepts that warning with the reason, and `kilter check` stays
/// clean while the specs say what the host does.
void AcceptIdleJit(kit::SpecResource& r) {
  auto field = [&](const std::string& name) -> const kit::SpecField* {
    for (const kit::SpecField& f : r.fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  };
  const kit::SpecField* jit = field("jit");
  const kit::SpecField* buffer = field("jit_buffer_size");
  bool idle = jit && jit->value.text() != "\"disable\"" && jit->value.text() != "\"off\"" &&
              jit->value.text() != "\"0\"" && (!buffer || buffer->value.text() == "0B");
  if (!idle) return;
  r.fields.push_back(
      {"accept",
       kit::SpecValue::Object({{"W0201",
                                kit::SpecValue::String("imported as the host runs it: PHP's JIT "
                                                       "is on without a buffer, so it never runs"),
                                ""}}),
       ""});
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"directive",
           "an OPcache directive (opcache.jit or jit), written even at the schema's default; "
           "default: every directive whose value differs from it"}};
}

kit::SpecFile ImportedOpcache(const std::string& host, const LiveConfig& live,
                              const catalog::Resource& defaults, const ImportRequest& request) {
  std::vector<std::string> asked;
  for (const std::string& d : request.Values("directive")) asked.push_back(FieldNamed(d));
  kit::SpecFile file;
  for (const std::string& field : asked) {
    if (!defaults.fields.contains(field)) {
      file.notes += fmt::format("not imported: opcache.{}: php.opcache has no field {}\n", field,
                                field);
    }
  }
  kit::SpecResource r{"php.opcache", "opcache", host, {},
                      fmt::format("OPcache of PHP {} ({}); directives at the schema's default "
                                  "are left out",
                                  live.php_version, live.binary)};
  for (const auto& [field, value] : defaults.fields.items()) {
    bool named = std::find(asked.begin(), asked.end(), field) != asked.end();
    if (value.is_null() || IsWindowsOnly(field) || (!asked.empty() && !named)) continue;
    std::string directive = DirectiveName(field);
    auto it = live.directives.find(directive);
    if (it == live.directives.end()) {
      file.notes += fmt::format("not imported: {}: PHP {} has no such directive\n", directive,
                                live.php_version);
      continue;
    }
    Field f = FieldOf(defaults, field);
    try {
      json have = NormalizeLive(f, value, it->second.value);
      if (have == Canonical(f, value) && !named) continue;
      r.fields.push_back({field, ValueOf(f, have),
                          it->second.setters.empty()
                              ? "PHP's built-in default: no ini file sets " + directive
                              : ""});
    } catch (const std::exception& e) {
      file.notes += fmt::format("not imported: {} = \"{}\": {}\n", directive,
                                it->second.value.is_string() ? it->second.value.get<std::string>()
                                                             : it->second.value.dump(),
                                e.what());
    }
  }
  AcceptIdleJit(r);
  file.resources.push_back(std::move(r));
  return file;
}

}  // namespace kilter::reconciler::php_opcache
