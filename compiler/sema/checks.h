#pragma once

#include "compiler/sema/eval.h"
#include "compiler/sema/interpreter.h"
#include "compiler/sema/reporter.h"
#include "compiler/sema/schema_registry.h"

namespace kilter::compiler {

/// Runs a schema's `assert` lines (E0207 when false) and `warn` lines (W0201
/// when true) with the resource's checked fields in scope. Each finding
/// points at the first field the condition names that the spec set, or at
/// the resource when it set none, with a note at the schema line.
/// Returns false when an assert failed.
bool RunChecks(const Schema& schema, const Instance& inst, Scope& builtins, Evaluator& ev,
               Reporter& rep);

}  // namespace kilter::compiler
