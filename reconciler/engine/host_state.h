#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/transport.h"

/// The engine's own bookkeeping on a host, under its state directory: the
/// handlers a run promised to run (pending-handlers), the providers that have
/// applied something there (providers), when an apply last finished there
/// without errors (last-apply), and the apply lock (apply/lock.h).
/// Desired state never lives here: the specs and the live objects are the truth.
namespace kilter::reconciler {

/// Key of the engine's settings among a host's provider settings:
/// [providers.kilter] in kilter.toml, per host [hosts.NAME.providers.kilter].
inline constexpr const char* kEngineSettingsKey = "kilter";

/// [providers.kilter], declared with defaults and rules in
/// stdlib/schemas/kilter.kilt (`settings kilter`).
struct EngineSettings {
  std::string state_dir;
  /// A lock whose holder has not touched it for this long is stale.
  std::chrono::milliseconds lock_timeout{0};
};

/// The engine settings of `host` as the catalog carries them; throws
/// std::invalid_argument naming the host when the catalog lacks one.
EngineSettings EngineSettingsFor(const catalog::Host& host);

/// A handler recorded before the change that notifies it was applied, and
/// not yet run.
struct PendingHandler {
  std::string id;
  std::string command;
  std::string provider;
  std::string since;   ///< RFC 3339 time it was recorded
  std::string run_id;  ///< the run that recorded it
};

struct HostState {
  std::vector<PendingHandler> pending;
  std::vector<std::string> providers;  ///< provider names that own something on the host
  std::string last_apply;  ///< RFC 3339 time the last apply without errors finished; "" if none
};

/// Reads the host state in one command (missing files are empty state).
/// Throws TransportError naming the host when a file is unreadable or corrupt.
HostState ReadHostState(Transport& transport, const std::string& state_dir);

/// Replaces state_dir/pending-handlers atomically (removes it when empty).
void WritePendingHandlers(Transport& transport, const std::string& state_dir,
                          const std::vector<PendingHandler>& pending);

/// Replaces state_dir/last-apply atomically: an apply of `run_id` finished
/// on the host at `time` (RFC 3339) without errors.
void WriteLastApply(Transport& transport, const std::string& state_dir, const std::string& time,
                    const std::string& run_id);

/// Replaces state_dir/providers atomically.
void WriteProviderIndex(Transport& transport, const std::string& state_dir,
                        const std::vector<std::string>& providers);

}  // namespace kilter::reconciler
