#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "compiler/inventory/inventory.h"
#include "compiler/inventory/toml_value.h"

namespace kilter::compiler {

/// Walks a parsed kilter.toml and fills an Inventory, reporting every
/// problem (E0402-E0407) with the span of the offending key or value and
/// carrying on, so one run shows them all.
class InventoryLoader {
 public:
  InventoryLoader(const SourceFile& file, Diagnostics& diags, Inventory& out)
      : file_(file), diags_(diags), out_(out) {}

  void Load(const toml::table& root);

 private:
  void LoadHosts(const toml::node& node);
  void LoadHost(const std::string& name, const toml::key& key, const toml::node& node);
  void LoadGroups(const toml::node& node);
  void LoadParams(const toml::node& node);
  void LoadSsh(const toml::node& node);
  void LoadSuppressions(const toml::node& node);
  /// [providers."NAME"] tables of `host` (empty: global) into out_.provider_tables.
  void LoadProviders(const toml::node& node, const std::string& host);
  /// `memory = "8GiB"` of `host` into out_.host_memory.
  void LoadMemory(const toml::node& node, const std::string& host, const std::string& what);
  void CheckGroups();

  /// The table `node` is, or null after reporting E0403 for `what`.
  const toml::table* Table(const toml::node& node, const std::string& what);
  /// The string `node` holds, or nullopt after reporting E0403 for `what`.
  std::optional<std::string> String(const toml::node& node, const std::string& what);
  /// Reports E0402; returns the known key it suggests instead (or empty).
  std::string UnknownKey(const toml::key& key, const std::string& where,
                         const std::vector<std::string>& known);
  void Missing(Span at, const std::string& key, const std::string& where,
               const std::string& hint);

  Span KeySpan(const toml::key& key) const { return toml_value::RegionSpan(file_, key.source()); }
  Span NodeSpan(const toml::node& node) const {
    return toml_value::RegionSpan(file_, node.source());
  }

  const SourceFile& file_;
  Diagnostics& diags_;
  Inventory& out_;
  std::map<std::string, std::vector<Span>> group_member_spans_;
};

}  // namespace kilter::compiler
