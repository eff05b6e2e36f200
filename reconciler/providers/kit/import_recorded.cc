#include "reconciler/providers/kit/import_recorded.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kilter::reconciler::kit {

namespace {

using nlohmann::json;

/// Whether dotted `path` is `pattern`, where a `*` segment stands for any
/// one segment (a key of a map: "slots.*.fail_timeout").
bool Matches(const std::string& pattern, const std::string& path) {
  size_t p = 0, q = 0;
  while (p <= pattern.size() && q <= path.size()) {
    size_t pe = pattern.find('.', p), qe = path.find('.', q);
    if (pe == std::string::npos) pe = pattern.size();
    if (qe == std::string::npos) qe = path.size();
    std::string want = pattern.substr(p, pe - p);
    if (want != "*" && want != path.substr(q, qe - q)) return false;
    if ((pe == pattern.size()) != (qe == path.size())) return false;
    if (pe == pattern.size()) return true;
    p = pe + 1;
    q = qe + 1;
  }
  return false;
}

struct Units {
  const std::vector<std::string>& durations;
  const std::vector<std::string>& sizes;

  bool Lists(const std::vector<std::string>& fields, const std::string& path) const {
    return std::any_of(fields.begin(), fields.end(),
                       [&](const std::string& f) { return Matches(f, path); });
  }
};

/// `value` at `path` (dotted) as a literal; null members of objects left out.
SpecValue ValueOf(const json& value, const std::string& path, const Units& units) {
  if (value.is_number_integer() && units.Lists(units.durations, path)) {
    return SpecValue::Duration(value.get<int64_t>());
  }
  if (value.is_number_unsigned() && units.Lists(units.sizes, path)) {
    return SpecValue::Size(value.get<uint64_t>());
  }
  if (value.is_boolean()) return SpecValue::Bool(value.get<bool>());
  if (value.is_number_integer()) return SpecValue::Int(value.get<int64_t>());
  if (value.is_number()) return SpecValue::Float(value.get<double>());
  if (value.is_string()) return SpecValue::String(value.get<std::string>());
  if (value.is_array()) {
    std::vector<SpecValue> items;
    for (const json& item : value) items.push_back(ValueOf(item, path, units));
    return SpecValue::List(items);
  }
  std::vector<SpecEntry> entries;
  for (const auto& [key, member] : value.items()) {
    if (!member.is_null()) entries.push_back({key, ValueOf(member, path + "." + key, units), ""});
  }
  return SpecValue::Object(entries);
}

}  // namespace

SpecFile ImportRecorded(const std::vector<OwnedFile>& owned, const std::string& type,
                        const std::string& host, const std::set<std::string>& declared,
                        const std::vector<std::string>& durations,
                        const std::vector<std::string>& sizes) {
  Units units{durations, sizes};
  SpecFile out;
  for (const OwnedFile& f : owned) {
    if (f.type != type || f.host != host || declared.count(f.name)) continue;
    json fields = json::parse(f.Record("fields"), nullptr, false);
    if (!fields.is_object()) {
      out.notes += fmt::format("not imported: {}: it records no fields of {}\n", f.path, f.name);
      continue;
    }
    SpecResource r{type, f.name, host, {}, "recorded in " + f.path};
    if (!f.intact) r.comment += "\nwhich was edited on the host since kilter wrote it: the plan rewrites it";
    for (const auto& [field, value] : fields.items()) {
      if (!value.is_null()) r.fields.push_back({field, ValueOf(value, field, units), ""});
    }
    out.resources.push_back(std::move(r));
  }
  return out;
}

SpecFile ImportRecorded(const BatchResult& read, const RecordedImport& what,
                        const ProviderContext& context, const ImportRequest& request) {
  std::vector<OwnedFile> owned;
  for (const std::string& path : read.Glob(what.glob)) {
    if (auto f = ReadOwned(path, read.File(path).content, Comment::kHash)) {
      if (request.Admits(what.filter, f->name)) owned.push_back(std::move(*f));
    }
  }
  std::set<std::string> declared;
  for (const catalog::Resource* r : context.desired) declared.insert(r->name);
  return ImportRecorded(owned, what.type, context.host.name, declared, what.durations, what.sizes);
}

}  // namespace kilter::reconciler::kit
