#pragma once

#include <string>

#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// The canonical text of a parsed file (what `kilter fmt` writes): comments
/// kept, Format(Parse(Format(x))) == Format(x).
std::string Format(const ast::File& file);

}  // namespace kilter::compiler
