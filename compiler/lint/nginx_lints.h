#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// Lints over the nginx resources of each host that no single schema can
/// see: two nginx.rate_limit resources limiting the same location (W0305).
void LintNginx(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
