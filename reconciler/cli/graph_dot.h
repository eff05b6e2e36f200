#pragma once

#include <string>

#include "compiler/catalog/catalog.h"

namespace kilter::cli {

/// The dependency graph of a catalog in Graphviz DOT: one node per resource
/// (its address), one cluster per host, an edge A -> B when B lists A in
/// `after` (A is applied first). Stable for a given catalog.
std::string GraphDot(const catalog::Catalog& catalog);

}  // namespace kilter::cli
