#pragma once

#include <string>

#include "reconciler/report/report_model.h"

namespace kilter::reconciler {

/// The seed targets the headline measures against (docs/run-log.md).
inline constexpr double kAvailabilityTarget = 0.9999;
/// A certificate expiring sooner than this is flagged.
inline constexpr int64_t kCertificateWarnSeconds = 14 * 86400;

/// `kilter report html`: one self-contained page (inline CSS and SVG, no
/// script, no font, no external reference; `@media print` rules) of `model`:
/// the headline targets, hosts × resource types (in sync, drifted, failed),
/// each drifted or failed resource with its diff, last apply per host,
/// backup ages, certificate expiries and each health check's latency chart.
/// Every text from specs, hosts and the log is escaped. Pure: "now" is the
/// newest line's time, so the same log makes the same page. `log_name` is
/// shown in the footer.
std::string RenderReportHtml(const ReportModel& model, const std::string& log_name);

}  // namespace kilter::reconciler
