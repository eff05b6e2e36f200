#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/plan/shard.h"

namespace kilter::reconciler {

/// Version of the plan JSON document (docs/plan-format.md). 2 added "shard".
inline constexpr int kPlanVersion = 2;
/// The oldest version this build reads: a version 1 plan is one without a shard.
inline constexpr int kOldestPlanVersion = 1;

/// A handler an apply will run on a host, once, after the changes.
struct PlannedHandler {
  std::string id;       ///< "php-fpm"
  std::string command;  ///< the shell command that runs it
  std::vector<std::string> notified_by;  ///< addresses of the changes that notify it
  std::string pending_since;  ///< set when an earlier run left it pending (RFC 3339)
  std::string pending_run;    ///< the id of that run
};

/// Everything planned for one host.
struct HostPlan {
  std::string host;
  /// One change per resource read (kNothing included, so `apply` can check
  /// every fingerprint), in spec order; deletes of owned objects last.
  std::vector<Change> changes;
  std::vector<PlannedHandler> handlers;
  std::vector<std::string> errors;  ///< each names the host and, where known, the resource
  /// When an apply last finished on the host without errors (RFC 3339, from
  /// the engine state); empty when none has, or the state could not be read.
  std::string last_apply;

  /// True when an apply would do something here: a change or a handler.
  bool HasWork() const;
};

/// Known drift that a suppression in kilter.toml hides (drift only).
struct SuppressedChange {
  Change change;
  std::string reason;
  std::string expires;
};

/// What `plan` (or `drift`) found: plain data, rendered by renderers, saved as
/// JSON by `plan -o`, carried out by `apply`.
struct Plan {
  std::string kind = "plan";  ///< "plan" or "drift": only the wording differs
  std::string created;        ///< RFC 3339, UTC
  /// How long the run took to make the report, where the command records it
  /// (drift); a merge of shards takes the longest shard's.
  std::optional<double> duration_seconds;
  /// The desired state the plan was made from, so `apply plan.json` needs no
  /// specs. Holds sensitive values in a saved plan (see docs/plan-format.md).
  catalog::Catalog catalog;
  bool catalog_redacted = false;  ///< a display copy: sensitive values replaced, cannot apply
  std::vector<std::string> selected_hosts;  ///< --host; empty: every host
  std::optional<Shard> shard;               ///< --shard: only the hosts of this share
  std::vector<HostPlan> hosts;              ///< in inventory order
  std::vector<SuppressedChange> suppressed;
  std::vector<catalog::Suppression> expired_suppressions;
};

/// Counts over a plan, for summaries and exit codes.
struct PlanSummary {
  int create = 0, update = 0, replace = 0, remove = 0;
  int handlers = 0;
  int errors = 0;
  int problems = 0;  ///< problems apply cannot fix (Change::problems)
  int suppressed = 0;
  int expired_suppressions = 0;
  int destructive = 0;

  /// Something to do: a change, a handler, or an expired suppression.
  bool HasChanges() const;
  /// Something `drift` reports: a change, or a problem apply cannot fix.
  bool HasDrift() const { return HasChanges() || problems > 0; }
  /// "Plan: 2 to create, 1 to update, 0 to replace, 1 to delete." (+ handlers)
  std::string Line(const std::string& kind) const;
  /// Drift in its own words: "Drift: 1 missing, 2 differing, 0 no longer
  /// declared." (+ pending handlers); drift plans nothing.
  std::string DriftLine(const std::string& kind) const;

 private:
  /// " 1 problem. 2 suppressed. 1 error.": what both lines end with.
  std::string Extras() const;
};

PlanSummary Summarize(const Plan& plan);
PlanSummary Summarize(const HostPlan& host);

/// Exit code of `plan` and `drift`: 1 on any error, 2 with changes (for
/// drift also with problems), else 0.
int ExitCode(const Plan& plan);

/// A plan document that is not a kilter plan of a version this build reads.
class PlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The versioned JSON document (docs/plan-format.md). With `redact_catalog`
/// the embedded catalog's sensitive field values are replaced (for display);
/// the changes are always redacted already.
nlohmann::json ToJson(const Plan& plan, bool redact_catalog);
/// Throws PlanError naming what is wrong.
Plan PlanFromJson(const nlohmann::json& json);

nlohmann::json ToJson(const Change& change);
Change ChangeFromJson(const nlohmann::json& json);

/// The current time as RFC 3339 UTC ("2024-05-01T12:00:00Z").
std::string NowUtc();

}  // namespace kilter::reconciler
