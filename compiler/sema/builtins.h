#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/reporter.h"
#include "compiler/sema/value.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// Calls the built-in function `call.text` (len, contains, keys, min, max,
/// lower, upper, join, matches) with the evaluated `args`. An unknown
/// function or wrong arguments are reported (E0507) and give nullopt.
std::optional<Value> CallBuiltin(const ast::Expr& call, const std::vector<Value>& args,
                                 Reporter& rep);

/// The names of the built-in functions, for did-you-mean.
std::vector<std::string> BuiltinNames();

}  // namespace kilter::compiler
