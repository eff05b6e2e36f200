#include "compiler/sema/evaluator.h"

#include "compiler/sema/catalog_value.h"
#include "compiler/sema/interpreter.h"
#include "compiler/sema/link.h"

namespace kilter::compiler {

std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags,
                                        nlohmann::json& params) {
  Interpreter interp(input, sources, reader, diags);
  interp.Run();
  params = nlohmann::json::object();
  for (const auto& [name, value] : interp.param_values()) params[name] = ToCatalogJson(value);
  interp.ReleaseSyntax();
  return Link(interp.instances(), interp.reporter());
}

std::vector<EvaluatedResource> Evaluate(const EvalInput& input, SourceManager& sources,
                                        SourceReader& reader, Diagnostics& diags) {
  nlohmann::json params;
  return Evaluate(input, sources, reader, diags, params);
}

}  // namespace kilter::compiler
