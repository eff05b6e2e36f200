#pragma once

#include <string>
#include <vector>

#include "reconciler/plan/change.h"

namespace kilter::reconciler {

/// What replaces a sensitive value in every output.
inline constexpr const char* kRedacted = "(sensitive)";

/// Removes sensitive values from a change before it reaches any output: the
/// before/after of sensitive fields (`sensitive_fields` from the schema, plus
/// fields a provider flagged), the same fields in `desired` and `live`, and
/// any occurrence of those values in action summaries, reasons and warnings.
/// An action detail (a diff, a statement) that contains a sensitive value, or
/// any line of a multi-line one, is hidden whole: partial redaction of a diff
/// leaks too easily.
void Redact(Change& change, const std::vector<std::string>& sensitive_fields);

}  // namespace kilter::reconciler
