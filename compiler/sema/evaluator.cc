#include "compiler/sema/evaluator.h"

#include "compiler/sema/catalog_value.h"
#include "compiler/sema/interpreter.h"
#include "compiler/sema/link.h"

namespace kilter::compiler {

std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags,
                                        EvalOutput& out) {
  Interpreter interp(input, sources, reader, diags);
  interp.Run();
  out.params = nlohmann::json::object();
  for (const auto& [name, value] : interp.param_values()) out.params[name] = ToCatalogJson(value);
  out.providers = std::move(interp.host_settings());
  interp.ReleaseSyntax();
  return Link(interp.instances(), interp.reporter());
}

std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags) {
  EvalOutput out;
  return Evaluate(input, sources, reader, diags, out);
}

}  // namespace kilter::compiler
