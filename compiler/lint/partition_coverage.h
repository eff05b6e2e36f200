#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// E0215: a mysql.partitioning whose covered_by names no backup.policy
/// declared on its host (the window could never drop a partition).
void CheckPartitionCoverage(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
