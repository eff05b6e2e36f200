#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// Lints over the firewall resources of each host that no single schema can
/// see: a rule shadowed by an earlier rule of its chain (W0301), exact
/// duplicates (W0302), a drop policy on input without a rule accepting
/// established traffic (W0303), a database port open to the world (W0304).
void LintFirewall(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
