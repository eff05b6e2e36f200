#include "reconciler/engine/import.h"

#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/engine/host_state.h"

namespace kilter::reconciler {

namespace {

/// The types and provider names that can import, sorted.
std::vector<std::string> Importable(const ProviderRegistry& registry) {
  std::set<std::string> names;
  for (const std::string& type : registry.types()) {
    std::unique_ptr<Provider> p = registry.make(type);
    if (!dynamic_cast<Importer*>(p.get())) continue;
    names.insert(type);
    names.insert(p->name());
  }
  return {names.begin(), names.end()};
}

}  // namespace

ImporterOf FindImporter(const std::string& type, const ProviderRegistry& registry) {
  ImporterOf found;
  found.provider = registry.make(type);
  if (!found.provider) found.provider = registry.MakeByName(type);
  found.importer = dynamic_cast<Importer*>(found.provider.get());
  if (!found.importer) {
    throw std::invalid_argument(fmt::format("kilter import knows no type \"{}\"; it imports {}",
                                            type, fmt::join(Importable(registry), ", ")));
  }
  return found;
}

std::vector<std::string> ImportFilterNames(const ProviderRegistry& registry) {
  std::set<std::string> names;
  for (const std::string& type : registry.types()) {
    std::unique_ptr<Provider> p = registry.make(type);
    if (auto* importer = dynamic_cast<Importer*>(p.get())) {
      for (const ImportFilter& f : importer->ImportFilters()) names.insert(f.name);
    }
  }
  return {names.begin(), names.end()};
}

kit::SpecFile ImportFromHost(const catalog::Catalog& catalog, const std::string& host_name,
                             const ImportRequest& request, const Connector& connector,
                             const ProviderRegistry& registry) {
  const catalog::Host* host = catalog.FindHost(host_name);
  if (!host) {
    throw std::invalid_argument(
        fmt::format("--host {}: the inventory has no such host", host_name));
  }
  ImporterOf found = FindImporter(request.type, registry);
  std::vector<ImportFilter> filters = found.importer->ImportFilters();
  for (const auto& [name, values] : request.filters) {
    bool known = false;
    for (const ImportFilter& f : filters) known = known || f.name == name;
    if (known) continue;
    std::vector<std::string> takes;
    for (const ImportFilter& f : filters) takes.push_back("--" + f.name);
    throw std::invalid_argument(fmt::format(
        "--{} is not a filter of {} (it takes {})", name, request.type,
        takes.empty() ? std::string("none") : fmt::format("{}", fmt::join(takes, ", "))));
  }
  std::vector<std::string> types = found.provider->types();
  ProviderContext context{*host, MergedSettings(*found.provider, *host), {}, {}, {}};
  context.state_dir = EngineSettingsFor(*host).state_dir;
  context.reconnect = [&connector, host] { return connector(*host); };
  for (const catalog::Resource& r : catalog.resources) {
    if (r.host != host->name) continue;
    for (const std::string& t : types) {
      if (r.type == t) context.desired.push_back(&r);
    }
  }
  std::unique_ptr<Transport> transport = connector(*host);
  return found.importer->Import(*transport, context, request);
}

}  // namespace kilter::reconciler
