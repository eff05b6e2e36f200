#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/plan/plan.h"

/// The run log (docs/run-log.md): one JSON object per line per run of plan,
/// apply, drift or probe, made from the run's report, whose changes are
/// redacted already, so a line holds no secret.
namespace kilter::reconciler {

/// Version of a run log line ("log": 1).
inline constexpr int kRunLogVersion = 1;

/// What the report does not say about the run that made it.
struct RunInfo {
  std::string command;  ///< "plan", "apply", "drift" or "probe"
  std::string time;     ///< RFC 3339: when the hosts were read (apply: when it finished)
  double duration_seconds = 0;
  int exit_status = 0;
};

/// apply: the errors of each host the apply failed on, by host name.
using ApplyErrors = std::map<std::string, std::vector<std::string>>;

/// A resource's status in a line: "in_sync", "drifted" (plan, drift, probe:
/// it differs from the specs), "changed" (apply: changed and verified) or
/// "failed" (a problem apply cannot fix, or an apply that failed on it).
std::string RunStatus(const Change& change, const std::string& command, bool apply_failed);

/// The diff of a change in one-line items: `field: before → after`,
/// `field = value` for a create, the kind alone when it has no fields;
/// sensitive values as "(sensitive)".
std::vector<std::string> DiffLines(const Change& change);

/// The log line of a run (without the trailing newline): time, command,
/// duration, exit status, shard, and per host: reachable, errors, last apply
/// and per resource address, type, name, status, kind, cause, diff lines,
/// problems and measures. For apply, the resources to change on a host of
/// `apply_errors` are "failed", the others "changed".
nlohmann::json RunLogLine(const Plan& report, const RunInfo& run,
                          const ApplyErrors& apply_errors = {});

}  // namespace kilter::reconciler
