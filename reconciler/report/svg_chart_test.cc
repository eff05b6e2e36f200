#include <catch2/catch.hpp>

#include "reconciler/report/svg_chart.h"

namespace kilter::reconciler {

namespace {

/// Three nightly medians of a check with a 100 ms target: 50, 150, 80 ms.
LatencySeries Series() {
  LatencySeries s;
  s.address = "health.check \"<script>\" @ web1";
  s.host = "web1";
  s.target_seconds = 0.1;
  int64_t day = 1764990000;  // 2025-12-06T03:00:00Z
  s.points = {{day, 0.05, 0.06}, {day + 86400, 0.15, 0.2}, {day + 2 * 86400, 0.08, 0.09}};
  return s;
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("a latency chart draws the medians against the target") {
  LatencySeries s = Series();
  std::string svg = LatencyChart(s, s.points.front().time, s.points.back().time);
  CHECK(svg.rfind("<svg class=\"chart\" viewBox=\"0 0 640 180\"", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  // y runs from 0 to 200 ms (150 ms and 10 % headroom, rounded to 1-2-5);
  // plot height 150 from y=8: 100 ms at y=83, 50 ms at 120.5, 150 ms at 45.5.
  CHECK(svg.find(">200 ms</text>") != std::string::npos);
  CHECK(svg.find("<line class=\"target\" x1=\"48\" y1=\"83.0\" x2=\"632\" y2=\"83.0\"/>") !=
        std::string::npos);
  CHECK(svg.find("target 100 ms") != std::string::npos);
  CHECK(svg.find("points=\"48.0,120.5 340.0,45.5 632.0,98.0\"") != std::string::npos);
  CHECK(Count(svg, "class=\"dot\"") == 2);
  CHECK(Count(svg, "class=\"over\"") == 1);
  CHECK(svg.find(">2025-12-06</text>") != std::string::npos);
  CHECK(svg.find(">2025-12-08</text>") != std::string::npos);
}

TEST_CASE("a latency chart escapes the address and references nothing") {
  LatencySeries s = Series();
  std::string svg = LatencyChart(s, s.points.front().time, s.points.back().time);
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("health.check &quot;&lt;script&gt;&quot; @ web1") != std::string::npos);
  CHECK(svg.find("href") == std::string::npos);
}

TEST_CASE("a chart of one point without a target") {
  LatencySeries s = Series();
  s.target_seconds.reset();
  s.points.resize(1);
  std::string svg = LatencyChart(s, s.points[0].time, s.points[0].time);
  CHECK(svg.find("class=\"target\"") == std::string::npos);
  CHECK(Count(svg, "<circle") == 1);
  CHECK(svg.find(">100 ms</text>") != std::string::npos);
}

}  // namespace kilter::reconciler
