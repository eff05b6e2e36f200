#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reconciler/plan/render.h"
#include "reconciler/plan/rfc3339.h"

namespace kilter::reconciler {

namespace {

/// One metric family: its samples go together under one HELP and TYPE.
struct Family {
  Family() = default;
  Family(std::string name, std::string help) : name(std::move(name)), help(std::move(help)) {}

  std::string name;
  std::string help;
  std::vector<std::string> samples;  ///< "{labels} value", or " value" without labels
};

/// A label value with \, " and newline escaped as the text format requires.
std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Labels(const std::vector<std::pair<const char*, std::string>>& labels) {
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}=\"{}\"", name, EscapeLabel(value));
  }
  return out + "}";
}

std::string ResourceLabels(const Change& c) {
  return Labels({{"host", c.host}, {"type", c.type}, {"name", c.name}});
}

void Add(Family& family, const std::string& labels, double value) {
  family.samples.push_back(fmt::format("{} {}", labels, value));
}

/// A resource that differs from the specs or has a problem apply cannot fix.
bool Drifted(const Change& c) { return c.kind != ChangeKind::kNothing || !c.problems.empty(); }

void Write(std::string& out, const Family& family) {
  if (family.samples.empty()) return;
  out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", family.name, family.help, family.name);
  for (const std::string& sample : family.samples) out += family.name + sample + '\n';
}

}  // namespace

std::string RenderPrometheus(const Plan& plan) {
  Family timestamp{"kilter_run_timestamp_seconds",
                   "When the run read the hosts, in seconds since the Unix epoch."};
  Family duration{"kilter_run_duration_seconds", "How long the run took."};
  Family reachable{
      "kilter_host_reachable",
      "1 when the run read the host, 0 when the host or part of it could not be read."};
  Family drift{"kilter_host_drift",
               "Resources on the host that differ from the specs or have a problem apply cannot "
               "fix, suppressed drift not counted."};
  Family suppressed{"kilter_host_suppressed_drift",
                    "Drifted resources on the host that a suppression in kilter.toml hides."};
  Family pending{"kilter_host_pending_handlers",
                 "Handlers an earlier apply left pending on the host (drift until they run)."};
  Family last_apply{"kilter_host_last_apply_timestamp_seconds",
                    "When an apply last finished on the host without errors, in seconds since the "
                    "Unix epoch."};
  Family in_sync{"kilter_resource_in_sync",
                 "1 when the resource is as the specs declare it and has no problem, else 0."};
  Family expired{"kilter_expired_suppressions",
                 "Suppressions in kilter.toml past their expiry date: drift until renewed or "
                 "removed."};
  std::map<std::string, Family> measures;

  if (std::optional<int64_t> t = ParseRfc3339(plan.created)) Add(timestamp, "", *t);
  if (plan.duration_seconds) Add(duration, "", *plan.duration_seconds);
  std::map<std::string, int> suppressed_on;
  for (const SuppressedChange& s : plan.suppressed) ++suppressed_on[s.change.host];
  for (const HostPlan& h : plan.hosts) {
    std::string host = Labels({{"host", h.host}});
    Add(reachable, host, h.errors.empty() ? 1 : 0);
    int drifted = 0;
    for (const Change& c : h.changes) {
      drifted += Drifted(c);
      Add(in_sync, ResourceLabels(c), Drifted(c) ? 0 : 1);
      for (const auto& [measure, value] : c.measures) {
        Family& family = measures[measure];
        family.name = "kilter_resource_" + measure;
        family.help = "Measured on the host by the provider of the resource's type.";
        Add(family, ResourceLabels(c), value);
      }
    }
    // A count over a host not (wholly) read would claim what nobody saw:
    // kilter_host_reachable 0 says it instead.
    if (h.errors.empty()) {
      Add(drift, host, drifted);
      Add(suppressed, host, suppressed_on[h.host]);
      Add(pending, host,
          std::count_if(h.handlers.begin(), h.handlers.end(),
                        [](const PlannedHandler& p) { return !p.pending_since.empty(); }));
    }
    if (std::optional<int64_t> t = ParseRfc3339(h.last_apply)) Add(last_apply, host, *t);
  }
  Add(expired, "", static_cast<double>(plan.expired_suppressions.size()));

  std::string out;
  for (const Family* f : {&timestamp, &duration, &reachable, &drift, &suppressed, &pending,
                          &last_apply, &expired, &in_sync}) {
    Write(out, *f);
  }
  for (const auto& [name, family] : measures) Write(out, family);
  return out;
}

}  // namespace kilter::reconciler
