#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/engine/host_state.h"
#include "reconciler/plan/plan.h"
#include "reconciler/plan/progress.h"
#include "reconciler/plan/timings.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// Opens a connection to a host: Connect() in the CLI, a fake in tests.
/// Throws TransportError when the host cannot be reached.
using Connector = std::function<std::unique_ptr<Transport>(const catalog::Host&)>;

/// Where providers come from: the table in registry.cc, or test providers.
struct ProviderRegistry {
  std::function<std::unique_ptr<Provider>(const std::string& type)> make = MakeProvider;
  std::function<std::vector<std::string>()> types = ProviderTypes;

  /// The provider whose name() is `name` (as a host's provider index records it).
  std::unique_ptr<Provider> MakeByName(const std::string& name) const;
};

struct PlanOptions {
  std::vector<std::string> hosts;  ///< --host: only these; empty: every host
  std::optional<Shard> shard;      ///< --shard: only the hosts of this share
  /// Hosts read at the same time. A read mostly waits on its host (the
  /// connection, the commands there), so many: 50 hosts in two rounds.
  int parallel = 32;
  std::string kind = "plan";       ///< "plan" or "drift": the plan's kind, and its progress words
  RunOptions run;
  ProviderRegistry registry;
  /// When the specs read secrets: the key (SecretKey::bytes) that keys every
  /// live fingerprint, so the saved plan holds no plain digest of a secret.
  std::string fingerprint_key;
  /// --timings: where connect, read, diff and validate times go (null: nowhere).
  Timings* timings = nullptr;
  /// Only resources of these types, and none of the providers the host's
  /// index adds (`kilter probe`: the health checks alone); empty: everything.
  std::vector<std::string> only_types;
};

/// One provider on one host after Read and Diff. Changes are not redacted:
/// apply hands them to the provider.
struct ProviderReading {
  std::unique_ptr<Provider> provider;
  std::unique_ptr<ProviderContext> context;
  std::vector<Change> changes;
};

/// One host read and diffed: what plan renders and apply carries out.
struct HostReading {
  const catalog::Host* host = nullptr;
  EngineSettings engine;
  HostState state;
  std::vector<ProviderReading> providers;
  /// Every resource the specs declare on the host, of every type (--type
  /// included): ProviderContext::host_resources.
  std::vector<const catalog::Resource*> declared;
  std::vector<std::string> errors;  ///< each names the host and, where known, the resource
};

/// Read → Diff (→ Validate when `validate`) for every provider with desired
/// resources on the host, or recorded in its provider index (so deletes of
/// everything a provider owned are found). Providers are independent: over a
/// transport that is concurrent() they all run at once, else one after
/// another; either way their changes and errors come in the same order.
/// Never throws: problems go to `errors`, and the other providers still run.
HostReading ReadHost(Transport& transport, const catalog::Catalog& catalog,
                     const catalog::Host& host, const PlanOptions& options,
                     const Connector& connector, bool validate);

/// The host's part of a plan: every change in spec order (deletes last),
/// redacted, with the handlers to run (notified or left pending).
HostPlan ToHostPlan(const HostReading& reading, const catalog::Catalog& catalog);

/// Whether a run with `options` works on `host`: --host names it (or is not
/// given) and --shard holds it (or is not given).
bool Selected(const std::string& host, const PlanOptions& options);

/// Whether `host` holds a resource of `options.only_types` (always true
/// without them): a run limited to some types contacts no other host.
bool HoldsOnlyTypes(const catalog::Catalog& catalog, const std::string& host,
                    const PlanOptions& options);

/// Reads and diffs every selected host, `options.parallel` at a time. Throws
/// std::invalid_argument when --host names a host the inventory lacks.
Plan MakePlan(const catalog::Catalog& catalog, const PlanOptions& options,
              const Connector& connector, Progress& progress);

/// A provider's settings on a host, as the catalog carries them: the host's
/// table over the global one over the `settings` schema's defaults, checked
/// by the compiler. Empty when the catalog has none for the provider.
nlohmann::json MergedSettings(const Provider& provider, const catalog::Host& host);

/// "web1: message", unless the message names the host already; without the
/// trailing newline a tool's output leaves.
std::string HostMessage(const std::string& host, std::string message);

}  // namespace kilter::reconciler
