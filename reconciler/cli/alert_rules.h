#pragma once

#include <cstdint>
#include <string>

namespace kilter::cli {

/// What `kilter export alerts` is told: how long each condition may last
/// before it alerts, and where the runbooks are.
struct AlertThresholds {
  int64_t drift_for_ms = 6 * 3600 * 1000;       ///< drift left this long alerts
  int64_t backup_grace_ms = 2 * 3600 * 1000;    ///< a backup may be this late
  int64_t unreachable_for_ms = 15 * 60 * 1000;  ///< a host unread this long alerts
  std::string runbook_url = "docs/operations.md";  ///< each alert adds "#its-anchor"
};

/// A Prometheus rule file (one group, `kilter`) alerting on the metrics of
/// `kilter drift --format prometheus` (docs/reconcile.md "Metrics").
std::string RenderAlertRules(const AlertThresholds& thresholds);

}  // namespace kilter::cli
