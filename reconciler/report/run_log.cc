#include "reconciler/report/run_log.h"

#include <fmt/format.h>

#include "reconciler/plan/redact.h"
#include "reconciler/plan/render.h"

namespace kilter::reconciler {

namespace {

std::string Value(const FieldChange& f, const nlohmann::json& value, const std::string& display) {
  if (f.sensitive) return kRedacted;
  return display.empty() ? ShortValue(value) : display;
}

nlohmann::json ResourceJson(const Change& c, const std::string& command, bool apply_failed) {
  nlohmann::json r = {{"address", c.Address()},
                      {"type", c.type},
                      {"name", c.name},
                      {"status", RunStatus(c, command, apply_failed)}};
  if (c.kind != ChangeKind::kNothing) {
    r["kind"] = ToString(c.kind);
    if (c.cause != DriftCause::kUnknown) r["cause"] = ToString(c.cause);
    r["diff"] = DiffLines(c);
  }
  if (!c.problems.empty()) r["problems"] = c.problems;
  if (!c.measures.empty()) r["measures"] = c.measures;
  return r;
}

}  // namespace

std::string RunStatus(const Change& change, const std::string& command, bool apply_failed) {
  if (!change.problems.empty()) return "failed";
  if (change.kind == ChangeKind::kNothing) return "in_sync";
  if (command == "apply") return apply_failed ? "failed" : "changed";
  return "drifted";
}

std::vector<std::string> DiffLines(const Change& change) {
  std::vector<std::string> lines;
  for (const FieldChange& f : change.fields) {
    if (f.before.is_null()) {
      lines.push_back(fmt::format("{} = {}", f.field, Value(f, f.after, f.after_display)));
    } else if (f.after.is_null()) {
      lines.push_back(
          fmt::format("{} = {} (removed)", f.field, Value(f, f.before, f.before_display)));
    } else {
      lines.push_back(fmt::format("{}: {} → {}", f.field, Value(f, f.before, f.before_display),
                                  Value(f, f.after, f.after_display)));
    }
  }
  if (lines.empty() && change.kind != ChangeKind::kNothing) lines.push_back(ToString(change.kind));
  return lines;
}

nlohmann::json RunLogLine(const Plan& report, const RunInfo& run, const ApplyErrors& apply_errors) {
  nlohmann::json hosts = nlohmann::json::array();
  for (const HostPlan& h : report.hosts) {
    auto failed = apply_errors.find(h.host);
    bool apply_failed = failed != apply_errors.end() && !failed->second.empty();
    std::vector<std::string> errors = h.errors;
    if (apply_failed) errors.insert(errors.end(), failed->second.begin(), failed->second.end());
    nlohmann::json resources = nlohmann::json::array();
    for (const Change& c : h.changes) {
      resources.push_back(ResourceJson(c, run.command, apply_failed));
    }
    std::string last_apply = h.last_apply;
    if (run.command == "apply" && h.HasWork() && errors.empty()) last_apply = run.time;
    nlohmann::json host = {{"host", h.host}, {"reachable", h.errors.empty()}};
    if (!errors.empty()) host["errors"] = errors;
    if (!last_apply.empty()) host["last_apply"] = last_apply;
    host["resources"] = std::move(resources);
    hosts.push_back(std::move(host));
  }
  nlohmann::json line = {{"log", kRunLogVersion},
                         {"time", run.time},
                         {"command", run.command},
                         {"duration_seconds", run.duration_seconds},
                         {"exit_status", run.exit_status}};
  if (report.shard) line["shard"] = report.shard->Name();
  line["hosts"] = std::move(hosts);
  return line;
}

}  // namespace kilter::reconciler
