#pragma once

#include <memory>

#include "compiler/base/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// Nesting deeper than this (brackets, blocks, operators) is reported as E0102
/// instead of being followed: pathological input never overflows the stack.
inline constexpr int kMaxNestingDepth = 128;

/// Parses one file. Syntax errors go to `diags`; the result is null only when
/// nothing could be recovered, and otherwise holds every statement that parsed.
std::unique_ptr<ast::File> Parse(const SourceFile& source, Diagnostics& diags);

}  // namespace kilter::compiler
