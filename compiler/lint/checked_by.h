#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// E0216: a resource whose `checked_by` names a health.check that is not
/// declared on its host (not at all, or only on another host): apply runs
/// those checks on the host it changes, right after the change.
void CheckCheckedBy(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
