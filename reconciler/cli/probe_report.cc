#include "reconciler/cli/probe_report.h"

#include <fmt/format.h>

namespace kilter::cli {

using nlohmann::json;

namespace {

struct Counts {
  int healthy = 0, failing = 0, errors = 0;
};

Counts Count(const reconciler::Plan& plan) {
  Counts n;
  for (const reconciler::HostPlan& h : plan.hosts) {
    n.errors += static_cast<int>(h.errors.size());
    for (const reconciler::Change& c : h.changes) (c.problems.empty() ? n.healthy : n.failing)++;
  }
  return n;
}

std::string Latency(const reconciler::Change& c) {
  return c.live.is_object() ? c.live.value("latency", "") : "";
}

}  // namespace

std::string RenderProbeText(const reconciler::Plan& plan) {
  std::string out;
  for (const reconciler::HostPlan& h : plan.hosts) {
    for (const reconciler::Change& c : h.changes) {
      out += fmt::format("{:<4} {}  {}\n", c.problems.empty() ? "ok" : "FAIL", c.Address(),
                         Latency(c));
      for (const std::string& p : c.problems) out += fmt::format("       problem: {}\n", p);
    }
  }
  Counts n = Count(plan);
  if (n.errors) {
    out += "\nErrors:\n";
    for (const reconciler::HostPlan& h : plan.hosts) {
      for (const std::string& e : h.errors) out += "  " + e + "\n";
    }
  }
  if (n.healthy + n.failing + n.errors == 0) return "No health checks.\n";
  out += fmt::format("\nProbe: {} healthy, {} failing, {} error{}.\n", n.healthy, n.failing,
                     n.errors, n.errors == 1 ? "" : "s");
  return out;
}

json ProbeJson(const reconciler::Plan& plan) {
  json checks = json::array();
  json errors = json::array();
  for (const reconciler::HostPlan& h : plan.hosts) {
    for (const std::string& e : h.errors) errors.push_back(e);
    for (const reconciler::Change& c : h.changes) {
      json check = {{"address", c.Address()},
                    {"host", c.host},
                    {"name", c.name},
                    {"healthy", c.problems.empty()},
                    {"problems", c.problems}};
      if (c.live.is_object()) {
        for (const char* key : {"target", "latency", "median_ms", "worst_ms", "samples"}) {
          if (c.live.contains(key)) check[key] = c.live[key];
        }
      }
      if (c.source) {
        check["source"] = fmt::format("{}:{}:{}", c.source->file, c.source->line, c.source->col);
      }
      checks.push_back(std::move(check));
    }
  }
  Counts n = Count(plan);
  return {{"kind", "probe"},
          {"created", plan.created},
          {"checks", checks},
          {"errors", errors},
          {"summary", {{"healthy", n.healthy}, {"failing", n.failing}, {"errors", n.errors}}}};
}

int ProbeExitCode(const reconciler::Plan& plan) {
  Counts n = Count(plan);
  if (n.errors) return 1;
  return n.failing ? 2 : 0;
}

}  // namespace kilter::cli
