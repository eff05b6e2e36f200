#include "reconciler/plan/display.h"

#include <algorithm>

#include "compiler/catalog/units.h"

namespace kilter::reconciler {

namespace {

/// `value` in `unit` when it is a whole size or duration, else empty.
std::string InUnit(const nlohmann::json& value, const std::string& type, const std::string& unit) {
  if (!value.is_number_integer()) return "";
  int64_t n = value.get<int64_t>();
  return type == "size" ? catalog::units::FormatSizeIn(n, unit)
                        : catalog::units::FormatDurationIn(n, unit);
}

}  // namespace

void Annotate(Change& change, const catalog::Resource& resource) {
  for (FieldChange& f : change.fields) {
    if (!f.after.is_null() && std::find(resource.defaulted.begin(), resource.defaulted.end(),
                                        f.field) != resource.defaulted.end()) {
      f.from_default = true;
    }
    auto type = resource.field_types.find(f.field);
    if (f.sensitive || type == resource.field_types.end() ||
        (type->second != "size" && type->second != "duration")) {
      continue;
    }
    auto unit = resource.field_units.find(f.field);
    std::string spelled = unit == resource.field_units.end() ? "" : unit->second;
    f.before_display = InUnit(f.before, type->second, spelled);
    f.after_display = InUnit(f.after, type->second, spelled);
  }
}

}  // namespace kilter::reconciler
