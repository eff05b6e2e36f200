#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/inventory/inventory.h"
#include "compiler/sema/checks.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/schema_registry.h"

namespace kilter::compiler {

/// Checks every provider table of kilter.toml against its provider's
/// `settings` schema (E0411 for a provider that does not exist, unknown keys
/// with did-you-mean, value types, the schema's asserts) and gives every host
/// the settings of every provider: the host's own table over the global one
/// over the schema's defaults, in catalog JSON form (host -> provider -> key).
std::map<std::string, nlohmann::json> CheckProviderSettings(const Inventory& inventory,
                                                            const SchemaRegistry& schemas,
                                                            Conformer& conform,
                                                            CheckRunner& checks, Reporter& rep);

}  // namespace kilter::compiler
