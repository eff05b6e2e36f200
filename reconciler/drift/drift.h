#pragma once

#include <string>

#include "reconciler/plan/plan.h"

/// `kilter drift`: a plan read as a report of how the live state differs from
/// the specs, with known drift suppressed per address (kilter.toml
/// [[suppress]], carried in the catalog). See docs/reconcile.md "Drift".
namespace kilter::reconciler {

/// Turns `plan` into a drift report as of `today` (YYYY-MM-DD, the UTC date):
/// a change (or problem) whose address a suppression names moves to
/// plan.suppressed while the suppression has not expired (it is valid through
/// its `expires` day). A suppression past its date goes to
/// plan.expired_suppressions and counts as drift (exit 2) whether or not its
/// address still differs: it must be renewed or removed, and the nightly job
/// is where someone will see it. A change it names stays counted. A handler
/// left pending is drift as well (the host is not as the last apply meant).
void ApplySuppressions(Plan& plan, const std::string& today);

/// Today's date in UTC, YYYY-MM-DD.
std::string TodayUtc();

}  // namespace kilter::reconciler
