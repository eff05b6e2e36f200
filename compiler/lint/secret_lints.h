#pragma once

#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// W0202 (codes::kLiteralSecret): warns, once per place in the specs, where a
/// sensitive field holds a value from the specs rather than an env() or file()
/// secret (docs/secrets.md).
void LintSecrets(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
