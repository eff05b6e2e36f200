#pragma once

#include <cstddef>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// W0261: a declared index that is a left prefix of another on the same table.
inline constexpr char kRedundantIndex[] = "W0261";
/// W0262: two declared indexes with the same columns on the same table.
inline constexpr char kDuplicateIndex[] = "W0262";
/// W0263: more than kMaxIndexesPerTable declared indexes on one table.
inline constexpr char kTooManyIndexes[] = "W0263";
inline constexpr size_t kMaxIndexesPerTable = 10;

/// Cross-resource lints of mysql.index declarations, per host and table.
void LintMysqlIndexes(const std::vector<EvaluatedResource>& resources, Diagnostics& diags);

}  // namespace kilter::compiler
