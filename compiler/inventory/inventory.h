#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/base/diagnostic.h"
#include "compiler/catalog/catalog.h"

namespace kilter::compiler {

/// A value from kilter.toml with where it was written, for diagnostics.
struct InventoryValue {
  nlohmann::json value;
  Span span;
};

/// One key of a provider's settings table, as written.
struct ProviderSetting {
  std::string key;
  Span key_span;
  InventoryValue value;
};

/// A [providers."NAME"] table (host empty) or a [hosts.HOST.providers."NAME"]
/// table, unchecked: the compiler checks it against the provider's `settings`
/// schema and fills in each host's settings.
struct ProviderTable {
  std::string host;      ///< empty: every host's
  std::string provider;  ///< NAME
  Span span;             ///< where NAME is written
  std::vector<ProviderSetting> settings;
};

/// A host's `memory = "8GiB"`: what its processes may take in all.
struct HostMemory {
  int64_t bytes = 0;
  Span span;
};

/// kilter.toml: hosts, groups, params, provider settings, ssh settings and
/// drift suppressions (docs/inventory.md).
struct Inventory {
  std::vector<catalog::Host> hosts;  ///< providers empty: the compiler fills them
  std::vector<ProviderTable> provider_tables;  ///< global and per-host, in no set order
  std::map<std::string, Span> host_spans;
  std::map<std::string, HostMemory> host_memory;  ///< hosts that give `memory`
  std::map<std::string, std::vector<std::string>> groups;
  std::map<std::string, Span> group_spans;
  std::map<std::string, InventoryValue> params;
  std::string known_hosts;
  std::vector<catalog::Suppression> suppressions;

  bool HasHost(const std::string& name) const;
};

/// Parses kilter.toml. TOML syntax errors and schema errors (unknown key,
/// wrong type, missing address, group naming an unknown host) go to `diags`
/// with file:line:col.
Inventory LoadInventory(const SourceFile& file, Diagnostics& diags);

}  // namespace kilter::compiler
