#include "support/default_settings.h"

#include <map>
#include <stdexcept>

#include "compiler/inventory/inventory.h"
#include "compiler/sema/evaluator.h"

namespace kilter::testing {

namespace {

/// The settings pass reads no spec file.
class NoFiles : public compiler::SourceReader {
 public:
  bool Read(const std::string& path, std::string&, std::string& error) override {
    error = "no file " + path;
    return false;
  }
};

nlohmann::json Compile() {
  compiler::SourceManager sources;
  compiler::Diagnostics diags;
  const compiler::SourceFile& toml = sources.Add("kilter.toml", "[hosts.h]\ntransport = \"local\"\n");
  compiler::Inventory inventory = compiler::LoadInventory(toml, diags);
  compiler::EvalInput input;
  input.inventory = &inventory;
  NoFiles reader;
  compiler::EvalOutput out;
  compiler::Evaluate(input, sources, reader, diags, out);
  if (diags.has_errors()) throw std::logic_error("the stdlib settings schemas do not compile");
  return out.providers.at("h");
}

}  // namespace

nlohmann::json DefaultHostSettings() {
  static const nlohmann::json all = Compile();
  return all;
}

nlohmann::json DefaultSettings(const std::string& provider) {
  return DefaultHostSettings().at(provider);
}

}  // namespace kilter::testing
