#include "reconciler/report/svg_chart.h"

#include <algorithm>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/report/html_text.h"

namespace kilter::reconciler {

namespace {

constexpr double kLeft = 48, kRight = 8, kTop = 8, kBottom = 22;

std::string Day(int64_t unix) { return FormatRfc3339(unix).substr(0, 10); }

/// A round top for the y axis: 1, 2 or 5 times a power of ten, at least `ms`.
double NiceTop(double ms) {
  double step = 1;
  while (step * 10 < ms) step *= 10;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * step >= ms) return m * step;
  }
  return 10 * step;
}

}  // namespace

std::string LatencyChart(const LatencySeries& series, int64_t from, int64_t to) {
  double top_ms = series.target_seconds.value_or(0) * 1000;
  for (const LatencyPoint& p : series.points) top_ms = std::max(top_ms, p.median_seconds * 1000);
  top_ms = NiceTop(std::max(top_ms * 1.1, 1.0));
  double width = kChartWidth - kLeft - kRight, height = kChartHeight - kTop - kBottom;
  double span = std::max<double>(to - from, 1);
  auto x = [&](int64_t t) { return kLeft + width * static_cast<double>(t - from) / span; };
  auto y = [&](double seconds) { return kTop + height * (1 - seconds * 1000 / top_ms); };

  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}: median latency per run{}</title>\n",
      kChartWidth, kChartHeight, EscapeHtml(series.address),
      series.target_seconds
          ? fmt::format(" against its target of {:g} ms", *series.target_seconds * 1000)
          : "");
  out += fmt::format(
      "<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2:.1f}\"/>"
      "<line class=\"axis\" x1=\"{0}\" y1=\"{2:.1f}\" x2=\"{3}\" y2=\"{2:.1f}\"/>\n",
      kLeft, kTop, kTop + height, kChartWidth - kRight);
  out += fmt::format(
      "<text x=\"{0}\" y=\"{1:.1f}\" text-anchor=\"end\">{2:g} ms</text>"
      "<text x=\"{0}\" y=\"{3:.1f}\" text-anchor=\"end\">0</text>\n",
      kLeft - 4, kTop + 8, top_ms, kTop + height);
  out += fmt::format(
      "<text x=\"{0}\" y=\"{1}\">{2}</text><text x=\"{3}\" y=\"{1}\" "
      "text-anchor=\"end\">{4}</text>\n",
      kLeft, kChartHeight - 6, Day(from), kChartWidth - kRight, Day(to));
  if (series.target_seconds) {
    out += fmt::format(
        "<line class=\"target\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
        "<text class=\"target\" x=\"{2}\" y=\"{3:.1f}\" text-anchor=\"end\">target {4:g} "
        "ms</text>\n",
        kLeft, y(*series.target_seconds), kChartWidth - kRight, y(*series.target_seconds) - 3,
        *series.target_seconds * 1000);
  }
  std::string points;
  std::string dots;
  for (const LatencyPoint& p : series.points) {
    points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(p.time),
                          y(p.median_seconds));
    bool over = series.target_seconds && p.median_seconds > *series.target_seconds;
    dots += fmt::format("<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\"/>",
                        over ? "over" : "dot", x(p.time), y(p.median_seconds));
  }
  out += fmt::format("<polyline class=\"median\" points=\"{}\"/>\n{}\n</svg>\n", points, dots);
  return out;
}

}  // namespace kilter::reconciler
