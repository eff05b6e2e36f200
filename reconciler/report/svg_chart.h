#pragma once

#include <cstdint>
#include <string>

#include "reconciler/report/report_model.h"

namespace kilter::reconciler {

/// Size of a chart in SVG user units (it scales to the page's width).
inline constexpr int kChartWidth = 640;
inline constexpr int kChartHeight = 180;

/// A health check's median latency over [from, to] (Unix times) as an inline
/// SVG: the median as a line with a dot per run, dots over the target red,
/// the target (max_latency) as a dashed line, milliseconds on the y axis from
/// 0, the first and last day on the x axis. No script, no external reference.
std::string LatencyChart(const LatencySeries& series, int64_t from, int64_t to);

}  // namespace kilter::reconciler
