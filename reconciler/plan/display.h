#pragma once

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"

namespace kilter::reconciler {

/// Gives the field changes of a declared resource what only the catalog
/// knows: sizes and durations spelled in the unit the spec wrote
/// (FieldChange::before_display, after_display: `128MiB → 256MiB`, not
/// 134217728 → 268435456), and which desired values are schema defaults the
/// spec does not set (FieldChange::from_default). Sensitive fields get no
/// display text.
void Annotate(Change& change, const catalog::Resource& resource);

}  // namespace kilter::reconciler
