#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/engine/planner.h"
#include "reconciler/providers/importer.h"

/// `kilter import` without the command line: finds the importer of a type,
/// connects to one host and asks it for the live objects as resources.
namespace kilter::reconciler {

/// A type (or provider name) and its importer.
struct ImporterOf {
  std::unique_ptr<Provider> provider;
  Importer* importer = nullptr;  ///< the provider itself, as an Importer
};

/// The provider of `type` (a resource type, or a provider name such as
/// "firewall") that can import. Throws std::invalid_argument naming the
/// types that can when none does.
ImporterOf FindImporter(const std::string& type, const ProviderRegistry& registry = {});

/// Every filter some importer takes, by name (for the command line).
std::vector<std::string> ImportFilterNames(const ProviderRegistry& registry = {});

/// Reads `host` and returns what `request` asks for, leaving out what the
/// catalog already declares there. Throws std::invalid_argument for an
/// unknown host or type, or a filter the type does not take (naming the
/// ones it does); ProviderError or TransportError naming host and type
/// when the host cannot be read.
kit::SpecFile ImportFromHost(const catalog::Catalog& catalog, const std::string& host,
                             const ImportRequest& request, const Connector& connector,
                             const ProviderRegistry& registry = {});

}  // namespace kilter::reconciler
