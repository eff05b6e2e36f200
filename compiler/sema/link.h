#pragma once

#include <vector>

#include "compiler/sema/evaluator.h"
#include "compiler/sema/interpreter.h"
#include "compiler/sema/reporter.h"

namespace kilter::compiler {

/// Turns instances into one resource per host and checks what needs all of
/// them at once: duplicate addresses (E0208), contradicting host-wide fields
/// (E0209), `after` targets (E0310, on the same host) and dependency cycles
/// (E0311). Returns the resources in spec order, dependencies resolved to
/// addresses; a resource that duplicates an earlier address is left out.
/// Consumes the instances' field spans.
std::vector<EvaluatedResource> Link(std::vector<Instance>& instances, Reporter& rep);

}  // namespace kilter::compiler
