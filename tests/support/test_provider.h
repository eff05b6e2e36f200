#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "reconciler/engine/planner.h"
#include "reconciler/providers/provider.h"
#include "support/fake_transport.h"

namespace kilter::testing {

/// The live side of TestProvider: values per resource name on one host, and
/// knobs to make the provider misbehave.
struct TestWorld {
  std::map<std::string, std::map<std::string, std::string>> live;  ///< host -> name -> value
  bool fail_apply = false;    ///< Apply throws ProviderError
  bool ignore_apply = false;  ///< Apply does nothing (a provider that does not converge)
  std::vector<std::string> applied;  ///< "host name" in apply order
};

/// A provider of type `test.thing` (fields: value, a string; field `secret`
/// schema-sensitive where the resource says so) whose live state is the
/// TestWorld. It runs `test-read` and `test-apply NAMES` through the
/// transport so tests see its round trips, and every change notifies the
/// handler "reload" (`systemctl reload test`). Values it owns but that are no
/// longer declared become deletes.
std::unique_ptr<reconciler::Provider> MakeTestProvider(TestWorld& world);

/// The file provider plus TestProvider.
reconciler::ProviderRegistry TestRegistry(TestWorld& world);

/// A catalog host using the local transport name, state_dir /var/lib/kilter.
catalog::Host TestHost(const std::string& name);

/// A `test.thing` resource.
catalog::Resource Thing(const std::string& name, const std::string& host,
                        const std::string& value, std::vector<std::string> after = {});

/// Answers `test-read`, `test-apply` and `systemctl reload test` on `fake`
/// (and the engine scripts, ServeEngineScripts).
void ServeTestHost(FakeTransport& fake);

/// A connector handing out the fakes by host name; a host without a fake is
/// unreachable (TransportError naming it).
reconciler::Connector FakeConnector(std::map<std::string, FakeTransport*> fakes);

}  // namespace kilter::testing
