#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// A lint that needs more than one resource at a time (shadowed firewall
/// rules, redundant indexes). Per-resource lints are `warn` lines in schemas.
using LintPass = void (*)(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

/// Runs every pass of the table in lint/passes.cc.
void RunLints(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
