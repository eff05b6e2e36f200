#include "reconciler/apply/apply.h"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "reconciler/apply/order.h"
#include "reconciler/apply/staleness.h"
#include "reconciler/engine/handler_check.h"
#include "reconciler/providers/applied_reports.h"
#include "reconciler/plan/parallel.h"

namespace kilter::reconciler {

int ApplyResult::ExitCode() const {
  for (const HostApplyResult& h : hosts) {
    if (!h.errors.empty()) return 1;
  }
  return 0;
}

std::string ApplyResult::Line() const {
  int c = 0, u = 0, r = 0, d = 0, handlers = 0, failed = 0;
  for (const HostApplyResult& h : hosts) {
    c += h.created, u += h.updated, r += h.replaced, d += h.deleted;
    handlers += static_cast<int>(h.handlers_run.size());
    failed += !h.errors.empty();
  }
  std::string line = fmt::format("{}: {} created, {} updated, {} replaced, {} deleted, {} handler{} run.",
                                 failed ? "Apply failed" : "Apply complete", c, u, r, d, handlers,
                                 handlers == 1 ? "" : "s");
  if (failed) line += fmt::format(" {} host{} failed.", failed, failed == 1 ? "" : "s");
  return line;
}

namespace {

std::vector<Change> AllChanges(const HostReading& reading) {
  std::vector<Change> all;
  for (const ProviderReading& pr : reading.providers) {
    all.insert(all.end(), pr.changes.begin(), pr.changes.end());
  }
  return all;
}

void Count(const Change& c, HostApplyResult& result) {
  switch (c.kind) {
    case ChangeKind::kCreate: ++result.created; break;
    case ChangeKind::kUpdate: ++result.updated; break;
    case ChangeKind::kReplace: ++result.replaced; break;
    case ChangeKind::kDelete: ++result.deleted; break;
    case ChangeKind::kNothing: break;
  }
}

/// One host's apply, under its lock.
class HostApply {
 public:
  HostApply(const Plan& plan, const HostPlan& planned, const catalog::Host& host,
            const ApplyOptions& options, const Connector& connector, Progress& progress,
            HostApplyResult& result)
      : plan_(plan),
        planned_(planned),
        host_(host),
        options_(options),
        connector_(connector),
        progress_(progress),
        result_(result) {
    plan_options_.run = options.run;
    plan_options_.registry = options.registry;
    plan_options_.fingerprint_key = options.fingerprint_key;
    plan_options_.timings = options.timings;
    // The re-read after apply is one "verify" of the engine, not more reads.
    verify_options_ = plan_options_;
    verify_options_.timings = nullptr;
  }

  void Run() {
    progress_.Update(host_.name, "connecting");
    std::unique_ptr<Transport> transport;
    {
      PhaseTimer timer(options_.timings, host_.name, kEngineRow, Phase::kConnect);
      transport = connector_(host_);
    }
    EngineSettings engine = EngineSettingsFor(host_);
    progress_.Update(host_.name, "locking");
    std::optional<PhaseTimer> locking(std::in_place, options_.timings, host_.name, kEngineRow,
                                      Phase::kLock);
    HostLock lock = HostLock::Acquire(*transport, engine, options_.holder, options_.dead);
    locking.reset();
    result_.took_over_lock = lock.took_over();

    progress_.Update(host_.name, "reading");
    HostReading reading = ReadHost(*transport, plan_.catalog, host_, plan_options_, connector_,
                                   false);
    if (!reading.errors.empty()) {
      result_.errors = reading.errors;
      return;
    }
    std::vector<std::string> stale = StaleResources(planned_, AllChanges(reading));
    if (!stale.empty()) {
      std::string list;
      for (const std::string& s : stale) list += "\n  " + s;
      result_.errors.push_back(fmt::format(
          "{}: the plan is stale; nothing was applied on this host. Changed since the plan:{}\n"
          "Run `kilter plan` again.",
          host_.name, list));
      return;
    }
    HostPlan fresh = ToHostPlan(reading, plan_.catalog);
    result_.errors = CheckHandlers(*transport, reading, fresh);
    if (!result_.errors.empty()) return;
    bool ok = ApplyBatches(*transport, lock, reading, engine);
    if (ok) RunHandlers(*transport, lock, fresh.handlers, reading, engine);
    if (ok) Verify(*transport, reading, engine);
    if (ok && result_.errors.empty()) {
      WriteLastApply(*transport, engine.state_dir, NowUtc(), options_.holder.run_id);
    }
    lock.Release();
  }

 private:
  bool ApplyBatches(Transport& transport, HostLock& lock, HostReading& reading,
                    const EngineSettings& engine) {
    std::vector<std::vector<Change>> per_provider;
    for (const ProviderReading& pr : reading.providers) per_provider.push_back(pr.changes);
    std::vector<Batch> batches;
    try {
      batches = OrderBatches(per_provider, plan_.catalog, host_.name);
    } catch (const std::exception& e) {
      result_.errors.push_back(HostMessage(host_.name, e.what()));
      return false;
    }
    std::vector<PendingHandler> pending = reading.state.pending;
    std::vector<std::string> index = reading.state.providers;
    for (const Batch& batch : batches) {
      ProviderReading& pr = reading.providers[batch.provider];
      const std::string name = pr.provider->name();
      changed_providers_.insert(batch.provider);
      try {
        lock.Heartbeat();
        // Record first, change second: a run that dies in between leaves a
        // handler to run or a provider to read, never a lost one.
        bool pending_grew = false;
        std::vector<Handler> defs = pr.provider->Handlers(*pr.context);
        for (const Change& c : batch.changes) {
          for (const std::string& id : c.notifies) {
            if (std::any_of(pending.begin(), pending.end(),
                            [&](const PendingHandler& p) { return p.id == id; })) {
              continue;
            }
            auto def = std::find_if(defs.begin(), defs.end(),
                                    [&](const Handler& h) { return h.id == id; });
            if (def == defs.end()) continue;  // reported by the plan already
            pending.push_back({id, def->command, name, NowUtc(), options_.holder.run_id});
            pending_grew = true;
          }
        }
        if (pending_grew) WritePendingHandlers(transport, engine.state_dir, pending);
        if (std::find(index.begin(), index.end(), name) == index.end()) {
          index.push_back(name);
          WriteProviderIndex(transport, engine.state_dir, index);
        }
        progress_.Update(host_.name, fmt::format("applying {} ({} change{})", name,
                                                 batch.changes.size(),
                                                 batch.changes.size() == 1 ? "" : "s"));
        PhaseTimer timer(options_.timings, host_.name, name, Phase::kApply);
        AppliedReports reports(result_.reports);
        pr.provider->Apply(transport, *pr.context, batch.changes);
        for (const Change& c : batch.changes) Count(c, result_);
      } catch (const std::exception& e) {
        result_.errors.push_back(HostMessage(host_.name, fmt::format("{}: {}", name, e.what())));
        if (!pending.empty()) {
          result_.errors.push_back(fmt::format(
              "{}: handlers left pending for the next apply: {}", host_.name,
              fmt::join(PendingIds(pending), ", ")));
        }
        return false;
      }
    }
    reading.state.pending = pending;
    reading.state.providers = index;
    return true;
  }

  static std::vector<std::string> PendingIds(const std::vector<PendingHandler>& pending) {
    std::vector<std::string> ids;
    for (const PendingHandler& p : pending) ids.push_back(p.id);
    return ids;
  }

  void RunHandlers(Transport& transport, HostLock& lock, std::vector<PlannedHandler> handlers,
                   HostReading& reading, const EngineSettings& engine) {
    // Handlers recorded as pending during this apply are in the state now.
    for (const PendingHandler& p : reading.state.pending) {
      if (std::none_of(handlers.begin(), handlers.end(),
                       [&](const PlannedHandler& h) { return h.id == p.id; })) {
        handlers.push_back({p.id, p.command, {}, p.since, p.run_id});
      }
    }
    std::vector<PendingHandler>& pending = reading.state.pending;
    PhaseTimer timer(options_.timings, host_.name, kEngineRow, Phase::kHandlers);
    for (const PlannedHandler& h : handlers) {
      lock.Heartbeat();
      progress_.Update(host_.name, "running handler " + h.id);
      Command command;
      command.shell = h.command;
      CommandResult r;
      try {
        r = transport.Run(command);
      } catch (const std::exception& e) {
        r = {-1, "", e.what()};
      }
      if (!r.ok()) {
        result_.errors.push_back(fmt::format(
            "{}: handler {} failed (exit {}): {}; it stays pending and the next apply runs it",
            host_.name, h.id, r.exit_code, r.Said()));
        continue;
      }
      result_.handlers_run.push_back(h.id);
      size_t before = pending.size();
      pending.erase(std::remove_if(pending.begin(), pending.end(),
                                   [&](const PendingHandler& p) { return p.id == h.id; }),
                    pending.end());
      if (pending.size() != before) WritePendingHandlers(transport, engine.state_dir, pending);
    }
  }

  void Verify(Transport& transport, const HostReading& applied, const EngineSettings& engine) {
    progress_.Update(host_.name, "verifying");
    PhaseTimer timer(options_.timings, host_.name, kEngineRow, Phase::kVerify);
    HostReading after = ReadHost(transport, plan_.catalog, host_, verify_options_, connector_,
                                 false);
    for (const std::string& e : after.errors) {
      result_.errors.push_back(HostMessage(host_.name, "verifying: " + e));
    }
    std::vector<std::string> index = applied.state.providers;
    for (const ProviderReading& pr : after.providers) {
      bool changed = false;
      for (size_t i : changed_providers_) {
        changed |= applied.providers[i].provider->name() == pr.provider->name();
      }
      bool remaining = false;
      for (const Change& c : pr.changes) {
        if (c.kind == ChangeKind::kNothing) continue;
        remaining = true;
        if (!changed) continue;
        std::string why = c.reasons.empty() ? ToString(c.kind) : c.reasons.front();
        result_.errors.push_back(fmt::format("{}: {} did not converge: after apply it still needs "
                                             "to {} ({})",
                                             host_.name, c.Address(), ToString(c.kind), why));
      }
      // A provider with nothing declared and nothing left owns nothing here.
      if (!remaining && pr.context && pr.context->desired.empty()) {
        index.erase(std::remove(index.begin(), index.end(), pr.provider->name()), index.end());
      }
    }
    if (after.errors.empty() && index != applied.state.providers) {
      WriteProviderIndex(transport, engine.state_dir, index);
    }
  }

  const Plan& plan_;
  const HostPlan& planned_;
  const catalog::Host& host_;
  const ApplyOptions& options_;
  const Connector& connector_;
  Progress& progress_;
  HostApplyResult& result_;
  PlanOptions plan_options_;
  PlanOptions verify_options_;
  std::set<size_t> changed_providers_;
};

}  // namespace

ApplyResult ApplyPlan(const Plan& plan, const ApplyOptions& options, const Connector& connector,
                      Progress& progress) {
  ApplyResult result;
  result.hosts.resize(plan.hosts.size());
  ParallelFor(plan.hosts.size(), options.parallel, [&](size_t i) {
    const HostPlan& planned = plan.hosts[i];
    HostApplyResult& r = result.hosts[i];
    r.host = planned.host;
    const catalog::Host* host = plan.catalog.FindHost(planned.host);
    if (!host) {
      r.errors.push_back(planned.host + ": not in the plan's inventory");
    } else if (!planned.errors.empty()) {
      r.errors.push_back(planned.host + ": not applied: the plan of this host has errors");
    } else if (!planned.HasWork()) {
      r.skipped = true;
      progress.Update(planned.host, "nothing to do");
      return;
    } else {
      PhaseTimer wall(options.timings, planned.host, kHostRow, Phase::kWall);
      try {
        HostApply(plan, planned, *host, options, connector, progress, r).Run();
      } catch (const std::exception& e) {
        r.errors.push_back(HostMessage(planned.host, e.what()));
      }
    }
    int changed = r.created + r.updated + r.replaced + r.deleted;
    progress.Update(planned.host, r.errors.empty()
                                      ? fmt::format("done: {} changed", changed)
                                      : "failed");
  });
  progress.Finish();
  return result;
}

}  // namespace kilter::reconciler
