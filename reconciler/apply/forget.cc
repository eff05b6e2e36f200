#include "reconciler/apply/forget.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace kilter::reconciler {

std::vector<const catalog::Resource*> DeclaredOn(const catalog::Catalog& catalog,
                                                 const std::string& host,
                                                 const Provider& provider) {
  std::vector<std::string> types = provider.types();
  std::vector<const catalog::Resource*> declared;
  for (const catalog::Resource& r : catalog.resources) {
    if (r.host == host && std::find(types.begin(), types.end(), r.type) != types.end()) {
      declared.push_back(&r);
    }
  }
  return declared;
}

void CheckNothingDeclared(const catalog::Catalog& catalog, const std::string& host,
                          const Provider& provider) {
  std::vector<const catalog::Resource*> declared = DeclaredOn(catalog, host, provider);
  if (declared.empty()) return;
  std::string list;
  for (const catalog::Resource* r : declared) {
    list += fmt::format("\n  {}:{}:{}: {}", r->source.file, r->source.line, r->source.col,
                        r->Address());
  }
  throw std::invalid_argument(
      fmt::format("{}: the specs still declare {} there, so kilter keeps "
                  "looking for it; remove these "
                  "resources from the specs first:{}",
                  host, provider.name(), list));
}

bool ForgetProvider(Transport& transport, const EngineSettings& engine, const std::string& name,
                    const LockHolder& me, const HostLock::DeadCheck& dead) {
  HostLock lock = HostLock::Acquire(transport, engine, me, dead);
  std::vector<std::string> index = ReadHostState(transport, engine.state_dir).providers;
  auto it = std::find(index.begin(), index.end(), name);
  bool listed = it != index.end();
  if (listed) {
    index.erase(it);
    WriteProviderIndex(transport, engine.state_dir, index);
  }
  lock.Release();
  return listed;
}

}  // namespace kilter::reconciler
