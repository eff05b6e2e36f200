#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/sema/reporter.h"
#include "compiler/sema/value.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// An int as written: `20000`, `20_000`, `0x7FFEBFFF`. False when it is not
/// an int or does not fit in 64 bits.
bool ParseIntText(std::string_view text, int64_t& out);

/// A float as written: `0.5`, `1e-3`.
bool ParseFloatText(std::string_view text, double& out);

/// The value of a literal expression (bool, int, float, size, duration, ip,
/// cidr); a literal that is malformed or too large is reported (E0508,
/// E0504) and gives nullopt.
std::optional<Value> EvalLiteral(const ast::Expr& literal, Reporter& rep);

}  // namespace kilter::compiler
