#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// W0264: a mysql.maintenance whose analyze time is outside its window (the
/// scheduled run would refuse to start, every time).
inline constexpr char kAnalyzeOutsideWindow[] = "W0264";

/// The mysql.maintenance lints: W0264.
void LintMaintenance(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
