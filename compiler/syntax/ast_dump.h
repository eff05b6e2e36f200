#pragma once

#include <string>

#include "compiler/syntax/ast.h"

/// A structural dump of a syntax tree as an S-expression, without spans or
/// comments: two trees dump equal exactly when they mean the same program as
/// written. Used by tests and by the parse -> fmt -> parse fuzz check.
namespace kilter::compiler::ast {

/// `(let x (+ 1 (* 2 3)))` per statement, one per line.
std::string Dump(const File& file);
std::string Dump(const Block& block);
std::string Dump(const Expr& expr);
std::string Dump(const Type& type);

}  // namespace kilter::compiler::ast
