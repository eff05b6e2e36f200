#include "reconciler/engine/planner.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/engine/handler_check.h"
#include "reconciler/plan/display.h"
#include "reconciler/plan/fingerprint.h"
#include "reconciler/plan/parallel.h"
#include "reconciler/plan/redact.h"
#include "reconciler/transport/digest.h"

namespace kilter::reconciler {

using nlohmann::json;

std::string HostMessage(const std::string& host, std::string message) {
  // A tool's trailing newline would leave a blank line in the plan.
  message = catalog::Trim(message);
  if (message.rfind(host + ":", 0) == 0) return message;
  return host + ": " + message;
}

std::unique_ptr<Provider> ProviderRegistry::MakeByName(const std::string& name) const {
  for (const std::string& type : types()) {
    std::unique_ptr<Provider> p = make(type);
    if (p && p->name() == name) return p;
  }
  return nullptr;
}

json MergedSettings(const Provider& provider, const catalog::Host& host) {
  if (!host.providers.is_object() || !host.providers.contains(provider.name())) {
    return json::object();
  }
  return host.providers.at(provider.name());
}

namespace {

/// "file "a", file "b" and 3 more": resources a host error leaves unread.
std::string Unread(const std::vector<const catalog::Resource*>& resources) {
  std::string list;
  for (size_t i = 0; i < resources.size() && i < 3; ++i) {
    if (i) list += ", ";
    list += fmt::format("{} \"{}\"", resources[i]->type, resources[i]->name);
  }
  if (resources.size() > 3) list += fmt::format(" and {} more", resources.size() - 3);
  return list;
}

/// `message`, then on a line of its own what it left unread, so that a
/// command the message ends with (an ssh-keyscan to paste) stays alone on
/// its line.
std::string WithUnread(const std::string& message,
                       const std::vector<const catalog::Resource*>& resources) {
  return fmt::format("{}\n  (not read: {})", message, Unread(resources));
}

/// Why kilter reads a provider the host's index lists, what it expects to
/// find, and the way out when the service behind it is gone for good.
std::string WhyIndexed(const std::string& host, const std::string& state_dir,
                       const std::string& provider,
                       const std::vector<const catalog::Resource*>& desired) {
  std::string why = fmt::format("\n  the provider index of {} ({}/providers) lists {}: it applied "
                                "something there",
                                host, state_dir, provider);
  if (desired.empty()) {
    return why + fmt::format(
                     ", and no spec declares it there any more, so kilter looks for the objects "
                     "it still owns there to delete them.\n  If that service is gone for good, "
                     "take {} out of the index: kilter forget {} {}",
                     provider, host, provider);
  }
  return why + fmt::format(", and kilter expects to find {} there.\n  If that service is gone "
                           "for good, remove them from the specs, then take {} out of the index: "
                           "kilter forget {} {}",
                           Unread(desired), provider, host, provider);
}

/// Gives every change what the engine knows better than the provider: the
/// host, the spec location, the schema's sensitive fields, values in the
/// spec's units, which values are schema defaults, a fingerprint.
/// Under a key, the fingerprint is keyed: a live object may hold a secret
/// (a file written from one), and a plain digest of it would let a reader of
/// the saved plan test guesses.
void Stamp(std::vector<Change>& changes, const catalog::Host& host,
           const std::vector<const catalog::Resource*>& desired, const std::string& key) {
  for (Change& c : changes) {
    if (c.host.empty()) c.host = host.name;
    const catalog::Resource* res = nullptr;
    for (const catalog::Resource* r : desired) {
      if (r->type == c.type && r->name == c.name) res = r;
    }
    if (res) {
      if (!c.source) c.source = res->source;
      for (FieldChange& f : c.fields) {
        if (std::find(res->sensitive.begin(), res->sensitive.end(), f.field) !=
            res->sensitive.end()) {
          f.sensitive = true;
        }
      }
      Annotate(c, *res);
    }
    if (c.fingerprint.empty()) c.fingerprint = LiveFingerprint(c.live);
    if (!key.empty()) c.fingerprint = "hmac-sha256:" + Hex(HmacSha256(key, c.fingerprint));
  }
}

/// How one provider's Read → Diff (→ Validate) went.
struct Outcome {
  bool failed = false;
  bool reading_live = false;    ///< it failed in Read
  bool transport_error = false;
  std::string what;
};

Outcome ReadProvider(Transport& transport, ProviderReading& pr, const catalog::Host& host,
                     const PlanOptions& options, bool validate) {
  const std::string name = pr.provider->name();
  Outcome outcome;
  outcome.reading_live = true;
  try {
    LiveState live;
    {
      PhaseTimer timer(options.timings, host.name, name, Phase::kRead);
      live = pr.provider->Read(transport, *pr.context);
    }
    outcome.reading_live = false;
    {
      PhaseTimer timer(options.timings, host.name, name, Phase::kDiff);
      pr.changes = pr.provider->Diff(*pr.context, live);
      Stamp(pr.changes, host, pr.context->desired, options.fingerprint_key);
    }
    bool any = std::any_of(pr.changes.begin(), pr.changes.end(),
                           [](const Change& c) { return c.kind != ChangeKind::kNothing; });
    if (validate && any) {
      PhaseTimer timer(options.timings, host.name, name, Phase::kValidate);
      pr.provider->Validate(transport, *pr.context, pr.changes);
    }
  } catch (const std::exception& e) {
    pr.changes.clear();
    outcome.failed = true;
    outcome.transport_error = dynamic_cast<const TransportError*>(&e) != nullptr;
    outcome.what = e.what();
  }
  return outcome;
}

/// The error of a provider that failed, once the host's provider index is known.
std::string Message(const Outcome& outcome, const ProviderReading& pr, const HostReading& reading) {
  const std::string& host = reading.host->name;
  const std::string name = pr.provider->name();
  // Providers' errors usually name the host (and the resource) already.
  std::string msg = outcome.what.rfind(host + ":", 0) == 0
                        ? outcome.what
                        : HostMessage(host, fmt::format("{}: {}", name, outcome.what));
  const std::vector<std::string>& index = reading.state.providers;
  if (outcome.reading_live && std::find(index.begin(), index.end(), name) != index.end()) {
    msg += WhyIndexed(host, reading.engine.state_dir, name, pr.context->desired);
  } else if (!pr.context->desired.empty() && outcome.transport_error) {
    msg = WithUnread(msg, pr.context->desired);
  }
  return msg;
}

/// Gives the providers from `first` on their context, then reads them: at
/// the same time over a concurrent() transport, else one after another.
void ReadProviders(Transport& transport, HostReading& reading, size_t first,
                   std::map<std::string, std::vector<const catalog::Resource*>>& desired,
                   const PlanOptions& options, const Connector& connector, bool validate,
                   std::vector<Outcome>& outcomes) {
  const catalog::Host& host = *reading.host;
  for (size_t i = first; i < reading.providers.size(); ++i) {
    ProviderReading& pr = reading.providers[i];
    pr.context.reset(new ProviderContext{host, MergedSettings(*pr.provider, host),
                                         desired[pr.provider->name()], options.run,
                                         [&connector, &host] { return connector(host); },
                                         reading.engine.state_dir});
    pr.context->host_resources = reading.declared;
  }
  outcomes.resize(reading.providers.size());
  size_t count = reading.providers.size() - first;
  ParallelFor(count, transport.concurrent() ? static_cast<int>(count) : 1, [&](size_t i) {
    outcomes[first + i] =
        ReadProvider(transport, reading.providers[first + i], host, options, validate);
  });
}

}  // namespace

HostReading ReadHost(Transport& transport, const catalog::Catalog& catalog,
                     const catalog::Host& host, const PlanOptions& options,
                     const Connector& connector, bool validate) {
  HostReading reading;
  reading.host = &host;
  std::vector<const catalog::Resource*> mine;
  const std::vector<std::string>& only = options.only_types;
  for (const catalog::Resource& r : catalog.resources) {
    if (r.host != host.name) continue;
    reading.declared.push_back(&r);
    if (only.empty() || std::find(only.begin(), only.end(), r.type) != only.end()) {
      mine.push_back(&r);
    }
  }
  std::string state_error;
  try {
    reading.engine = EngineSettingsFor(host);
  } catch (const std::exception& e) {
    state_error = e.what();
  }
  auto read_state = [&] {
    try {
      PhaseTimer timer(options.timings, host.name, kEngineRow, Phase::kRead);
      reading.state = ReadHostState(transport, reading.engine.state_dir);
    } catch (const std::exception& e) {
      state_error = e.what();
    }
  };

  // Providers in the order their first resource appears in the specs, then
  // providers that own something here but have no resource left in the specs.
  std::vector<std::string> errors;
  std::map<std::string, size_t> by_name;
  std::map<std::string, std::vector<const catalog::Resource*>> desired;
  for (const catalog::Resource* r : mine) {
    std::unique_ptr<Provider> p = options.registry.make(r->type);
    if (!p) {
      errors.push_back(HostMessage(
          host.name, fmt::format("{}: no provider handles type \"{}\"", r->Address(), r->type)));
      continue;
    }
    desired[p->name()].push_back(r);
    auto [it, added] = by_name.emplace(p->name(), reading.providers.size());
    if (added) reading.providers.push_back({std::move(p), nullptr, {}});
  }
  std::vector<Outcome> outcomes;
  if (state_error.empty() && transport.concurrent()) {
    // The engine's state adds the providers the specs no longer name; the
    // specs' own providers need not wait for it.
    std::thread state(read_state);
    ReadProviders(transport, reading, 0, desired, options, connector, validate, outcomes);
    state.join();
  } else if (state_error.empty()) {
    read_state();
    if (state_error.empty()) {
      ReadProviders(transport, reading, 0, desired, options, connector, validate, outcomes);
    }
  }
  if (!state_error.empty()) {
    reading.providers.clear();
    std::string msg = HostMessage(host.name, state_error);
    reading.errors.push_back(mine.empty() ? msg : WithUnread(msg, mine));
    return reading;
  }

  size_t indexed = reading.providers.size();
  for (const std::string& name : reading.state.providers) {
    if (by_name.count(name) || !only.empty()) continue;
    std::unique_ptr<Provider> p = options.registry.MakeByName(name);
    if (!p) {
      errors.push_back(HostMessage(
          host.name, fmt::format("the provider index names \"{}\", which this kilter does not "
                                 "know; it cannot find what that provider owns",
                                 name)));
      continue;
    }
    by_name.emplace(name, reading.providers.size());
    reading.providers.push_back({std::move(p), nullptr, {}});
  }
  ReadProviders(transport, reading, indexed, desired, options, connector, validate, outcomes);

  reading.errors = std::move(errors);
  for (size_t i = 0; i < reading.providers.size(); ++i) {
    if (!outcomes[i].failed) continue;
    reading.errors.push_back(Message(outcomes[i], reading.providers[i], reading));
  }
  return reading;
}

HostPlan ToHostPlan(const HostReading& reading, const catalog::Catalog& catalog) {
  HostPlan plan;
  plan.host = reading.host->name;
  plan.errors = reading.errors;
  plan.last_apply = reading.state.last_apply;
  std::map<std::string, size_t> spec_index;
  std::map<std::string, const catalog::Resource*> resources;
  for (size_t i = 0; i < catalog.resources.size(); ++i) {
    spec_index[catalog.resources[i].Address()] = i;
    resources[catalog.resources[i].Address()] = &catalog.resources[i];
  }
  std::map<std::string, std::string> commands;  // handler id -> command
  for (const ProviderReading& pr : reading.providers) {
    for (const Change& c : pr.changes) plan.changes.push_back(c);
    if (pr.context) {
      for (const Handler& h : pr.provider->Handlers(*pr.context)) commands[h.id] = h.command;
    }
  }
  std::stable_sort(plan.changes.begin(), plan.changes.end(),
                   [&](const Change& a, const Change& b) {
                     auto ia = spec_index.find(a.Address()), ib = spec_index.find(b.Address());
                     size_t na = ia == spec_index.end() ? SIZE_MAX : ia->second;
                     size_t nb = ib == spec_index.end() ? SIZE_MAX : ib->second;
                     if (na != nb) return na < nb;
                     return na == SIZE_MAX && a.Address() < b.Address();
                   });
  for (Change& c : plan.changes) {
    auto it = resources.find(c.Address());
    Redact(c, it == resources.end() ? std::vector<std::string>{} : it->second->sensitive);
  }

  // Handlers left pending by an earlier run come first: they are owed already.
  for (const PendingHandler& p : reading.state.pending) {
    auto it = commands.find(p.id);
    plan.handlers.push_back(
        {p.id, it == commands.end() ? p.command : it->second, {}, p.since, p.run_id});
  }
  for (const Change& c : plan.changes) {
    if (c.kind == ChangeKind::kNothing) continue;
    for (const std::string& id : c.notifies) {
      auto found = std::find_if(plan.handlers.begin(), plan.handlers.end(),
                                [&](const PlannedHandler& h) { return h.id == id; });
      if (found == plan.handlers.end()) {
        auto cmd = commands.find(id);
        if (cmd == commands.end()) {
          plan.errors.push_back(HostMessage(
              plan.host, fmt::format("{} notifies handler \"{}\", which no provider defines",
                                     c.Address(), id)));
          continue;
        }
        plan.handlers.push_back({id, cmd->second, {}, "", ""});
        found = plan.handlers.end() - 1;
      }
      found->notified_by.push_back(c.Address());
    }
  }
  return plan;
}

bool Selected(const std::string& host, const PlanOptions& options) {
  bool named = options.hosts.empty() ||
               std::find(options.hosts.begin(), options.hosts.end(), host) != options.hosts.end();
  return named && (!options.shard || InShard(host, *options.shard));
}

bool HoldsOnlyTypes(const catalog::Catalog& catalog, const std::string& host,
                    const PlanOptions& options) {
  const std::vector<std::string>& only = options.only_types;
  if (only.empty()) return true;
  return std::any_of(catalog.resources.begin(), catalog.resources.end(),
                     [&](const catalog::Resource& r) {
                       return r.host == host &&
                              std::find(only.begin(), only.end(), r.type) != only.end();
                     });
}

Plan MakePlan(const catalog::Catalog& catalog, const PlanOptions& options,
              const Connector& connector, Progress& progress) {
  Plan plan;
  plan.created = NowUtc();
  plan.kind = options.kind;
  plan.catalog = catalog;
  plan.selected_hosts = options.hosts;
  plan.shard = options.shard;
  std::vector<const catalog::Host*> hosts;
  for (const std::string& name : options.hosts) {
    if (!catalog.FindHost(name)) {
      throw std::invalid_argument(fmt::format("--host {}: no such host in the inventory", name));
    }
  }
  for (const catalog::Host& h : plan.catalog.hosts) {
    if (Selected(h.name, options) && (!options.hosts.empty() ||
                                      HoldsOnlyTypes(plan.catalog, h.name, options))) {
      hosts.push_back(&h);
    }
  }
  plan.hosts.resize(hosts.size());
  ParallelFor(hosts.size(), options.parallel, [&](size_t i) {
    const catalog::Host& host = *hosts[i];
    PhaseTimer wall(options.timings, host.name, kHostRow, Phase::kWall);
    HostReading reading;
    reading.host = &host;
    progress.Update(host.name, "connecting");
    try {
      std::unique_ptr<Transport> transport;
      {
        PhaseTimer timer(options.timings, host.name, kEngineRow, Phase::kConnect);
        transport = connector(host);
      }
      progress.Update(host.name, "reading");
      reading = ReadHost(*transport, plan.catalog, host, options, connector, true);
      plan.hosts[i] = ToHostPlan(reading, plan.catalog);
      for (std::string& e : CheckHandlers(*transport, reading, plan.hosts[i])) {
        plan.hosts[i].errors.push_back(std::move(e));
      }
    } catch (const std::exception& e) {
      std::vector<const catalog::Resource*> mine;
      for (const catalog::Resource& r : plan.catalog.resources) {
        if (r.host == host.name) mine.push_back(&r);
      }
      std::string msg = HostMessage(host.name, e.what());
      reading.errors.push_back(mine.empty() ? msg : WithUnread(msg, mine));
      plan.hosts[i] = ToHostPlan(reading, plan.catalog);
    }
    PlanSummary s = Summarize(plan.hosts[i]);
    std::string status = s.errors ? "failed"
                         : options.kind == "drift"
                             ? (s.HasDrift() ? s.DriftLine("drifted") : "no drift")
                             : (s.HasChanges() ? s.Line("planned") : "no changes");
    progress.Update(host.name, status);
  });
  progress.Finish();
  return plan;
}

}  // namespace kilter::reconciler
