#pragma once

#include <string>

#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// The canonical text of a parsed file (what `kilter fmt` writes): comments
/// kept, Format(Parse(Format(x))) == Format(x). Only for a file that parsed
/// without errors: a statement that failed to parse is not in the tree, so
/// its text would be lost.
std::string Format(const ast::File& file);

}  // namespace kilter::compiler
