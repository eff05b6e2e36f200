#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// Options of the whole run that some providers honour.
struct RunOptions {
  bool allow_lockout = false;  ///< --allow-lockout: firewall plans may cut kilter's own SSH
  std::chrono::milliseconds confirm_timeout{std::chrono::seconds(60)};  ///< --confirm-timeout
  /// --now: the time (seconds since the epoch) that plan, apply and drift
  /// plan time windows at (mysql.partitioning) and judge late runs at
  /// (mysql.maintenance) instead of the host's clock.
  std::optional<int64_t> now;
};

/// What a provider works with on one host: the host, its settings for this
/// provider (stdlib `settings` schema, settings.h), and the desired resources of its types on that host, in
/// spec order.
struct ProviderContext {
  const catalog::Host& host;
  nlohmann::json settings;  ///< host.providers[name()]: checked and defaulted by the compiler
  std::vector<const catalog::Resource*> desired;
  RunOptions options;
  /// Opens a new, independent connection to the same host (commit-confirmed
  /// changes prove the host is still reachable through it).
  std::function<std::unique_ptr<Transport>()> reconnect;
  /// The engine's state directory on the host ([providers.kilter] state_dir,
  /// docs/reconcile.md), for a provider that keeps its own records there.
  std::string state_dir = "/var/lib/kilter";
  /// Every resource the specs declare on this host, of every type: what a
  /// type whose fields name another resource sees of it (mysql.partitioning's
  /// covered_by names a backup.policy).
  std::vector<const catalog::Resource*> host_resources = {};

  /// The resource of `type` called `name` declared on this host, or nullptr.
  const catalog::Resource* Declared(const std::string& type, const std::string& name) const {
    for (const catalog::Resource* r : host_resources) {
      if (r->type == type && r->name == name) return r;
    }
    return nullptr;
  }

  /// The declared resource called `name`, or nullptr.
  const catalog::Resource* Desired(const std::string& name) const {
    for (const catalog::Resource* r : desired) {
      if (r->name == name) return r;
    }
    return nullptr;
  }
};

/// The live state a provider read for one host, opaque to everything but the
/// provider that made it (it goes into the saved plan as JSON).
struct LiveState {
  nlohmann::json data;
};

/// A problem found while reading or planning that stops this host's plan.
/// The message names the host and the resource.
class ProviderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The reader, differ and applier of one or more resource types that live
/// together on a host (firewall.chain, firewall.rule and firewall.set share one
/// nftables table and one transaction). Read and Apply do I/O through
/// the transport; Diff is a pure function of desired and live state.
class Provider {
 public:
  virtual ~Provider() = default;

  /// The provider's name, the key of its settings in kilter.toml
  /// ([providers."NAME"]): its type, or its family for several ("firewall").
  virtual std::string name() const = 0;

  /// The resource types this provider handles, e.g. {"php.opcache"}.
  virtual std::vector<std::string> types() const = 0;

  /// Reads the live state of every desired resource and every object this
  /// provider owns on the host (by its ownership mark), in as few round
  /// trips as the host allows: one per provider per host where possible.
  virtual LiveState Read(Transport& transport, const ProviderContext& context) = 0;

  /// Desired vs live: one Change per desired resource (kNothing included) and a
  /// kDelete per owned object no longer declared. Pure: no I/O.
  virtual std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) = 0;

  /// Plan-time proof on the host itself (stage and validate new files, dry-run
  /// statements in a scratch place). Adds warnings to changes, or throws
  /// ProviderError when a change would fail. Leaves the host as it was.
  virtual void Validate(Transport& transport, const ProviderContext& context,
                        std::vector<Change>& changes) {
    (void)transport;
    (void)context;
    (void)changes;
  }

  /// Applies this host's changes of this type as one batch (kNothing excluded).
  /// Throws ProviderError when it fails, having restored what it can.
  virtual void Apply(Transport& transport, const ProviderContext& context,
                     const std::vector<Change>& changes) = 0;

  /// The handlers the changes may notify, resolved from the settings
  /// (e.g. "php-fpm" -> settings["reload"]).
  virtual std::vector<Handler> Handlers(const ProviderContext& context) const {
    (void)context;
    return {};
  }
};

/// A new provider handling `type`, or null when none does. The registry is
/// one table in registry.cc.
std::unique_ptr<Provider> MakeProvider(const std::string& type);

/// Every resource type some provider handles, sorted.
std::vector<std::string> ProviderTypes();

}  // namespace kilter::reconciler
