#include "reconciler/providers/redis_server/declared.h"

#include <fmt/format.h>

#include "reconciler/providers/provider.h"
#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

using nlohmann::json;

namespace {

/// A typed field of the schema and the parameter it sets.
struct FieldSpec {
  const char* field;
  const char* param;
  Kind kind;
  kit::Takes takes;
};

constexpr FieldSpec kFields[] = {
    {"maxmemory", "maxmemory", Kind::kMemory, kit::Takes::kLive},
    {"maxmemory_policy", "maxmemory-policy", Kind::kWord, kit::Takes::kLive},
    {"appendonly", "appendonly", Kind::kWord, kit::Takes::kLive},
    {"appendfsync", "appendfsync", Kind::kWord, kit::Takes::kLive},
    {"save", "save", Kind::kSave, kit::Takes::kLive},
    {"timeout", "timeout", Kind::kNumber, kit::Takes::kLive},
    {"tcp_keepalive", "tcp-keepalive", Kind::kNumber, kit::Takes::kLive},
    {"databases", "databases", Kind::kNumber, kit::Takes::kAtRestart},
    {"requirepass", "requirepass", Kind::kSecret, kit::Takes::kLive},
    {"bind", "bind", Kind::kText, kit::Takes::kLive},
    {"protected_mode", "protected-mode", Kind::kWord, kit::Takes::kLive},
};

/// Parameters `parameters` may not set: the typed fields do, or kilter
/// cannot manage them there.
constexpr const char* kRefused[] = {"include", "rename-command", "masterauth", "requirepass"};

/// Bytes with the largest binary unit that divides them: "1GiB", "300B".
std::string ShowBytes(unsigned long long bytes) {
  const std::pair<unsigned long long, const char*> units[] = {
      {1ULL << 30, "GiB"}, {1ULL << 20, "MiB"}, {1ULL << 10, "KiB"}};
  for (const auto& [factor, unit] : units) {
    if (bytes != 0 && bytes % factor == 0) return std::to_string(bytes / factor) + unit;
  }
  return std::to_string(bytes) + "B";
}

/// Bytes as kilter's file writes them: "1gb" (2^30), "512mb", else bytes.
std::string FileBytes(unsigned long long bytes) {
  const std::pair<unsigned long long, const char*> units[] = {
      {1ULL << 30, "gb"}, {1ULL << 20, "mb"}, {1ULL << 10, "kb"}};
  for (const auto& [factor, unit] : units) {
    if (bytes != 0 && bytes % factor == 0) return std::to_string(bytes / factor) + unit;
  }
  return std::to_string(bytes);
}

/// The words of `value` as one redis.conf line writes them; "" for none.
std::string FileWords(const std::string& value) {
  std::string out;
  for (const std::string& w : SplitConfigLine(value).value_or(std::vector<std::string>{value})) {
    out += (out.empty() ? "" : " ") + QuoteConfigWord(w);
  }
  return out.empty() ? "\"\"" : out;
}

DeclaredSetting Typed(const FieldSpec& spec, const json& v) {
  DeclaredSetting s{spec.param, spec.field, spec.kind, spec.takes, "", "", ""};
  std::string file_value;
  switch (spec.kind) {
    case Kind::kMemory: {
      auto bytes = v.get<unsigned long long>();
      s.shown = ShowBytes(bytes);
      s.value = std::to_string(bytes);
      file_value = FileBytes(bytes);
      break;
    }
    case Kind::kNumber:
      if (spec.param == std::string("databases")) {
        s.value = std::to_string(v.get<long long>());
        s.shown = s.value;
      } else {  // a duration, in milliseconds
        s.value = std::to_string(v.get<long long>() / 1000);
        s.shown = s.value + "s";
      }
      break;
    case Kind::kSave: {
      std::string rules;
      for (const json& rule : v) rules += (rules.empty() ? "" : " ") + rule.get<std::string>();
      s.value = CollapseBlanks(rules);
      s.shown = s.value.empty() ? "\"\"" : s.value;
      break;
    }
    case Kind::kText: {
      std::string words;
      for (const json& w : v) words += (words.empty() ? "" : " ") + w.get<std::string>();
      s.value = s.shown = words;
      break;
    }
    case Kind::kSecret:
      s.value = v.get<std::string>();
      s.shown = "(sensitive)";
      file_value = QuoteConfigWord(s.value);
      break;
    default:
      s.value = v.is_boolean() ? (v.get<bool>() ? "yes" : "no") : v.get<std::string>();
      s.shown = s.value;
  }
  if (file_value.empty()) file_value = FileWords(s.value);
  if (spec.kind == Kind::kSave) {
    // A save line adds rules to those of the files before: start afresh.
    s.file_line = "save \"\"" + (s.value.empty() ? "" : "\nsave " + file_value);
  } else {
    s.file_line = std::string(spec.param) + " " + file_value;
  }
  return s;
}

}  // namespace

std::optional<std::pair<std::string, Kind>> FieldOfParam(const std::string& param) {
  for (const FieldSpec& f : kFields) {
    if (param == f.param) return std::make_pair(std::string(f.field), f.kind);
  }
  return std::nullopt;
}

std::string Where(const catalog::Resource& r) {
  return fmt::format("{}:{}:{}", r.source.file, r.source.line, r.source.col);
}

std::string Canonical(Kind kind, const std::string& value) {
  switch (kind) {
    case Kind::kMemory: {
      std::optional<unsigned long long> bytes = MemoryBytes(CollapseBlanks(value));
      return bytes ? std::to_string(*bytes) : CollapseBlanks(value);
    }
    case Kind::kWord:
    case Kind::kRename:
      return Lower(CollapseBlanks(value));
    case Kind::kSave:
      return CanonicalSave(value).value_or(CollapseBlanks(value));
    case Kind::kAny:
      return CanonicalAny(value);
    default:
      return CollapseBlanks(value);
  }
}

std::vector<DeclaredSetting> DeclaredSettings(const catalog::Resource& r) {
  std::vector<DeclaredSetting> out;
  for (const FieldSpec& spec : kFields) {
    const json& v = r.fields.value(spec.field, json());
    if (!v.is_null()) out.push_back(Typed(spec, v));
  }
  const json& renames = r.fields.value("rename_command", json());
  if (renames.is_object()) {
    for (const auto& [command, to] : renames.items()) {
      std::string name = to.get<std::string>();
      out.push_back({"rename-command " + command, "rename_command", Kind::kRename,
                     kit::Takes::kAtRestart, name.empty() ? "(disabled)" : name, name,
                     "rename-command " + command + " " + QuoteConfigWord(name)});
    }
  }
  const json& params = r.fields.value("parameters", json());
  if (!params.is_object()) return out;
  for (const auto& [written, v] : params.items()) {
    std::string param = Lower(written);
    auto fail = [&](const std::string& why) {
      throw ProviderError(fmt::format("{}: {}: parameters: {} {} ({})", r.host, r.Address(),
                                      written, why, Where(r)));
    };
    for (const FieldSpec& spec : kFields) {
      if (param == spec.param) fail(fmt::format("is set with the field {}", spec.field));
    }
    for (const char* refused : kRefused) {
      if (param == refused) fail("cannot be set in parameters");
    }
    std::string value;
    if (v.is_string()) value = v.get<std::string>();
    else if (v.is_boolean()) value = v.get<bool>() ? "yes" : "no";
    else if (v.is_number_integer()) value = std::to_string(v.get<long long>());
    else fail("must be text, a whole number or a bool, not " + v.dump());
    if (value.find('\n') != std::string::npos) fail("must be one line");
    out.push_back({param, "parameters", Kind::kAny, kit::Takes::kLive, value, value,
                   param + " " + FileWords(value)});
  }
  return out;
}

}  // namespace kilter::reconciler::redis_server
