#include "compiler/inventory/inventory.h"

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/inventory/inventory_loader.h"

namespace kilter::compiler {

bool Inventory::HasHost(const std::string& name) const { return host_spans.count(name) > 0; }

Inventory LoadInventory(const SourceFile& file, Diagnostics& diags) {
  Inventory inventory;
  toml::table root;
  try {
    root = toml::parse(std::string_view(file.text()), std::string_view(file.path()));
  } catch (const toml::parse_error& e) {
    diags.Error("E0401", toml_value::PointSpan(file, e.source().begin),
                fmt::format("invalid TOML: {}", e.description()));
    return inventory;
  }
  InventoryLoader loader(file, diags, inventory);
  loader.Load(root);
  return inventory;
}

}  // namespace kilter::compiler
