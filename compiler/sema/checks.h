#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/sema/eval.h"
#include "compiler/sema/instance.h"
#include "compiler/sema/reporter.h"
#include "compiler/sema/schema_registry.h"

namespace kilter::compiler {

/// Runs a schema's `assert` lines (E0207 when false) and `warn` lines (W0201
/// when true) with the resource's checked fields in scope. Each finding
/// points at the first field the condition names that the spec set, or at
/// the resource when it set none, with a note at the schema line. Also
/// evaluates its `memory` lines, for the host's memory budget.
class CheckRunner {
 public:
  CheckRunner(Scope& builtins, Evaluator& ev, Reporter& rep)
      : builtins_(builtins), ev_(ev), rep_(rep) {}

  /// False when an assert failed.
  bool Run(const Schema& schema, const Instance& inst);

  /// What the schema's `memory` lines give for `inst`. A line that does not
  /// give a size is an error of the schema (E0210) at that line.
  std::vector<MemoryUse> Memory(const Schema& schema, const Instance& inst);

 private:
  /// A check that fired, with its message.
  struct Finding {
    const ast::Check* check;
    std::string text;
  };

  std::vector<Finding> Evaluate(const Schema& schema, const Instance& inst);

  Scope& builtins_;
  Evaluator& ev_;
  Reporter& rep_;
  /// Outcomes by schema and the values the spec set (everything else is a
  /// default): estates repeat the same settings on many resources.
  std::unordered_map<std::string, std::vector<Finding>> memo_;
};

}  // namespace kilter::compiler
