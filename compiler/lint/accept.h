#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// Moves each warning that a resource accepts (`accept = { CODE = "reason" }`
/// on a resource the warning points at, by its location or a related one)
/// into diags.accepted(), and warns (W0203) about each acceptance that
/// matched no warning, so a stale one does not outlive its reason. Runs after
/// every other lint.
void ApplyAcceptances(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
