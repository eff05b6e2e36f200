#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/kit/health_probe.h"
#include "reconciler/providers/kit/health_verdict.h"
#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/provider.h"

/// The health checks a resource names in `checked_by` (bluegreen.service,
/// nginx.upstream, nginx.rate_limit): health.check resources declared on the
/// same host that must pass after its apply, run with the kit's probe and
/// judged by their own rules (samples, latency, status, body). One that
/// fails puts the previous configuration back.
namespace kilter::reconciler::kit {

/// The checks `resource` names in its `checked_by` field, in order. Throws
/// ProviderError "HOST: ADDRESS: checked_by names health.check "X", which
/// is not declared on HOST" (kilter check reports it first, E0216).
std::vector<HealthCheck> CheckedBy(const ProviderContext& context,
                                   const catalog::Resource& resource);

/// The checks the declared resources of `changes` name, each once, in the
/// order first named (deletes name none).
std::vector<HealthCheck> CheckedBy(const ProviderContext& context,
                                   const std::vector<Change>& changes);

/// The plan's action for `checks`: what runs after the reload, and what a
/// failure does. Its detail lists each check's target.
Action CheckedByAction(const std::vector<HealthCheck>& checks, const std::string& on_failure);

/// What one check measured.
struct CheckRun {
  HealthCheck check;
  Verdict verdict;

  /// "health.check "shop-api" (http://...): median 3.1 ms, worst 4.0 ms over 5 samples".
  std::string Line() const;
};

/// Runs `checks` on the host now, at the same time (one batch), with the
/// host's health.check settings. Throws ProviderError naming WHO when a
/// probe cannot run (a missing tool) or prints what is not a sample.
std::vector<CheckRun> RunChecks(Transport& transport, const ProviderContext& context,
                                const std::string& who, const std::vector<HealthCheck>& checks);

/// After a change of nginx's files that took (ApplyNginxFiles): runs
/// `checks`. When all pass, reports each (ReportApplied, applied_reports.h:
/// "WHO: passed health.check ..."). When one fails, puts the previous files back
/// and reloads (RestoreNginxFiles), then throws ProviderError "WHO:
/// health.check "X" failed after the apply: PROBLEMS; RESTORED" where
/// RESTORED is `restored` when the previous configuration serves again, or
/// says why it does not.
void CheckAfterNginxApply(Transport& transport, const ProviderContext& context,
                          const std::string& nginx, const std::string& who,
                          const std::vector<FileWrite>& writes,
                          const std::vector<HealthCheck>& checks, const std::string& restored);

}  // namespace kilter::reconciler::kit
