#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/catalog/catalog.h"
#include "compiler/inventory/inventory.h"
#include "compiler/sema/memory_use.h"

namespace kilter::compiler {

/// A resource as the evaluator produced it, with the spans lints and
/// diagnostics point at.
struct EvaluatedResource {
  catalog::Resource resource;
  Span span;                                ///< the whole resource block
  Span name_span;                           ///< its "NAME"
  std::map<std::string, Span> field_spans;  ///< where each field given in the spec was set
  std::vector<Acceptance> accepted;         ///< warnings the spec accepts for it
  std::vector<MemoryUse> memory;            ///< what its schema's `memory` lines give
  bool host_wide = false;                   ///< its schema is `host_wide`
};

/// Input of an evaluation: the root files and the settings from outside.
struct EvalInput {
  std::vector<std::string> roots;  ///< .kilt files, each compiled once with all it imports
  const Inventory* inventory = nullptr;
  std::map<std::string, std::string> param_overrides;  ///< --param NAME=VALUE
};

/// Parses, resolves imports (relative files through `reader`, stdlib modules
/// by name from the embedded stdlib), evaluates, type-checks against the
/// stdlib schemas, runs schema asserts/warns, checks dependencies and
/// conflicts. Every problem goes to `diags`; the resources that checked out
/// are returned in spec order.
std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags);

/// What an evaluation gives the catalog besides resources, in catalog JSON form.
struct EvalOutput {
  /// The final value of every declared param (after kilter.toml [params] and --param).
  nlohmann::json params = nlohmann::json::object();
  /// Host -> provider -> its settings, checked against the `settings`
  /// schemas and defaulted (the catalog hosts' "providers").
  std::map<std::string, nlohmann::json> providers;
};

/// The same, also filling `out`.
std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags,
                                        EvalOutput& out);

}  // namespace kilter::compiler
