#include "compiler/driver/compile.h"

#include <algorithm>

#include <fmt/format.h>

#include "compiler/driver/spec_files.h"
#include "compiler/lint/accept.h"
#include "compiler/lint/lint.h"
#include "compiler/sema/memory_budget.h"

namespace kilter::compiler {

namespace {

/// Loads the inventory the request names, or kilter.toml beside the first
/// path. Returns false when it is unusable (unreadable or not TOML): without
/// hosts every resource would be reported again as being on an unknown host.
bool LoadInventoryFor(const CompileRequest& request, const std::string& first_path,
                      bool have_specs, SourceReader& reader, Compilation& out,
                      Inventory& inventory) {
  bool named = !request.inventory.empty();
  std::string path = named ? DisplayPath(request.inventory) : InventoryBeside(first_path, reader);
  std::string text;
  std::string error;
  if (!reader.Read(path, text, error)) {
    if (named) {
      out.diags.Error("E0408", {}, fmt::format("cannot read inventory {}: {}", path, error));
      return false;
    }
    // Without specs there is nothing a missing inventory could matter to.
    if (!have_specs) return true;
    out.diags.Warning("W0401", {},
                      fmt::format("no inventory: {} does not exist, so no host is known", path),
                      "write a kilter.toml beside the specs (docs/inventory.md) or pass "
                      "--inventory FILE");
    return true;
  }
  const SourceFile& file = out.sources.Add(path, std::move(text));
  size_t first = out.diags.all().size();
  inventory = LoadInventory(file, out.diags);
  // Only a file that is not TOML at all leaves the hosts unknown; schema
  // errors inside it still let every valid host through.
  const std::vector<Diagnostic>& all = out.diags.all();
  return std::none_of(all.begin() + first, all.end(),
                      [](const Diagnostic& d) { return d.code == "E0401"; });
}

void BuildCatalog(const Inventory& inventory, EvalOutput evaluated, Compilation& out) {
  catalog::Catalog& c = out.catalog;
  c.hosts = inventory.hosts;
  for (catalog::Host& host : c.hosts) {
    auto settings = evaluated.providers.find(host.name);
    if (settings != evaluated.providers.end()) host.providers = std::move(settings->second);
  }
  c.known_hosts = inventory.known_hosts;
  c.suppressions = inventory.suppressions;
  c.resources.reserve(out.resources.size());
  for (const EvaluatedResource& r : out.resources) c.resources.push_back(r.resource);
  c.params = std::move(evaluated.params);
}

}  // namespace

void Compile(const CompileRequest& request, SourceReader& disk, Compilation& out) {
  out.diags = Diagnostics(request.max_errors);
  std::vector<std::string> paths = request.paths;
  if (paths.empty()) paths.push_back(".");
  PrefetchReader reader(disk);
  std::vector<std::string> files = FindSpecFiles(paths, reader, out.diags);
  Inventory inventory;
  EvalOutput evaluated;
  bool usable = LoadInventoryFor(request, paths.front(), !files.empty(), reader, out, inventory);
  if (usable && !files.empty()) {
    EvalInput input;
    input.roots = files;
    input.inventory = &inventory;
    input.param_overrides = request.param_overrides;
    out.resources = Evaluate(input, out.sources, reader, out.diags, evaluated);
    CheckMemoryBudget(inventory, out.resources, out.diags);
    RunLints(out.resources, out.diags);
    ApplyAcceptances(out.resources, out.diags);
  }
  if (request.build_catalog) BuildCatalog(inventory, std::move(evaluated), out);
  out.diags.Sort();
}

}  // namespace kilter::compiler
