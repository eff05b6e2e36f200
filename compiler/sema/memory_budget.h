#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/inventory/inventory.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// Adds up, for every host whose kilter.toml entry gives `memory`, what the
/// specs let that host's processes take (the `memory` lines of their
/// schemas) and reports E0214 when it exceeds the host's memory, W0204 above
/// 90 % of it, each consumer listed at its spec location. Resources of a
/// `host_wide` type on one host configure one process, so only the largest
/// of them counts for each of its `memory` lines.
void CheckMemoryBudget(const Inventory& inventory, const std::vector<EvaluatedResource>& resources,
                       Diagnostics& diags);

}  // namespace kilter::compiler
