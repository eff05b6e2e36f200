#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/apply/lock.h"
#include "reconciler/engine/host_state.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

/// `kilter forget`: removing a provider from a host's provider index when the
/// service it managed there is gone for good (docs/reconcile.md).
namespace kilter::reconciler {

/// The resources of the catalog on `host` whose type `provider` handles, in
/// spec order.
std::vector<const catalog::Resource*> DeclaredOn(const catalog::Catalog& catalog,
                                                 const std::string& host, const Provider& provider);

/// Refuses while the specs still declare something of `provider` on `host`:
/// throws std::invalid_argument naming each resource and its spec location.
void CheckNothingDeclared(const catalog::Catalog& catalog, const std::string& host,
                          const Provider& provider);

/// Removes `name` from the provider index of the host behind `transport`,
/// under the host's lock, and changes nothing else. False when the index did
/// not list it. Throws LockHeld when another run holds the lock,
/// TransportError when the host cannot be used.
bool ForgetProvider(Transport& transport, const EngineSettings& engine, const std::string& name,
                    const LockHolder& me, const HostLock::DeadCheck& dead = nullptr);

}  // namespace kilter::reconciler
