#pragma once

#include <string>
#include <vector>

#include "reconciler/apply/lock.h"
#include "reconciler/plan/plan.h"
#include "reconciler/engine/planner.h"
#include "reconciler/plan/progress.h"

namespace kilter::reconciler {

struct ApplyOptions {
  int parallel = 4;  ///< hosts applied at the same time
  RunOptions run;
  ProviderRegistry registry;
  std::string fingerprint_key;   ///< as PlanOptions::fingerprint_key of the plan
  LockHolder holder;             ///< who this run is (CurrentHolder(NewRunId()))
  HostLock::DeadCheck dead;      ///< null: same machine and process gone
  /// --timings: where connect, lock, read, apply, handler and verify times go
  /// (null: nowhere).
  Timings* timings = nullptr;
};

/// What an apply did on one host.
struct HostApplyResult {
  std::string host;
  int created = 0, updated = 0, replaced = 0, deleted = 0;
  std::vector<std::string> handlers_run;
  /// What providers said while applying, one line each (the latencies of
  /// the health checks a change named in `checked_by`).
  std::vector<std::string> reports;
  std::vector<std::string> errors;  ///< each names the host and, where known, the resource
  bool skipped = false;             ///< nothing to do: not even connected
  std::string took_over_lock;       ///< the stale lock this run took over, if any
};

struct ApplyResult {
  std::vector<HostApplyResult> hosts;
  /// 0 when every host converged, 1 when any failed.
  int ExitCode() const;
  /// "Apply complete: 2 created, 1 updated, 0 replaced, 1 deleted, 1 handler run." or failed.
  std::string Line() const;
};

/// Carries out `plan`, hosts in parallel (bounded). Per host: takes the lock,
/// re-reads every resource and refuses the host if the plan is stale (naming
/// what moved), applies provider batches in dependency order (recording
/// notified handlers as pending first), runs the handlers once, re-reads and
/// fails on anything that did not converge, releases the lock. Hosts whose
/// plan had errors are not touched. Never throws.
ApplyResult ApplyPlan(const Plan& plan, const ApplyOptions& options, const Connector& connector,
                      Progress& progress);

}  // namespace kilter::reconciler
