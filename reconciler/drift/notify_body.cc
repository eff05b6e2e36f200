#include "reconciler/drift/notify_body.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/plan/render.h"

namespace kilter::reconciler {

namespace {

/// Hosts named in the text before "+N more": a chat line stays one line.
constexpr size_t kTextHosts = 5;

std::string Plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "update (changed on the host): content, mode", "create (missing on the
/// host)", or the first line of the first problem. Field names only: the
/// values may be secrets, and a create or delete would list every field.
std::string ChangeSummary(const Change& c) {
  std::string summary = c.kind == ChangeKind::kNothing ? "problem" : ToString(c.kind);
  std::string cause = CauseText(c.cause);
  if (!cause.empty()) summary += fmt::format(" ({})", cause);
  std::vector<std::string> fields;
  if (c.kind == ChangeKind::kUpdate || c.kind == ChangeKind::kReplace) {
    for (const FieldChange& f : c.fields) fields.push_back(f.field);
  }
  if (!fields.empty()) summary += fmt::format(": {}", fmt::join(fields, ", "));
  if (!c.problems.empty()) {
    std::string problem = c.problems.front().substr(0, c.problems.front().find('\n'));
    summary += fmt::format("{} {}", fields.empty() ? ":" : ";", problem);
    if (c.problems.size() > 1) summary += fmt::format(" (+{} more)", c.problems.size() - 1);
  }
  return summary;
}

/// The hosts with drift, in report order.
std::vector<std::string> DriftedHosts(const std::vector<DriftItem>& items) {
  std::vector<std::string> hosts;
  for (const DriftItem& item : items) {
    if (!item.host.empty() && std::find(hosts.begin(), hosts.end(), item.host) == hosts.end()) {
      hosts.push_back(item.host);
    }
  }
  return hosts;
}

}  // namespace

const char* ToString(NotifyEvent event) {
  switch (event) {
    case NotifyEvent::kFound:
      return "found";
    case NotifyEvent::kChanged:
      return "changed";
    case NotifyEvent::kCleared:
      return "cleared";
    case NotifyEvent::kNone:
      return "none";
  }
  return "none";
}

std::vector<DriftItem> DriftItems(const Plan& report) {
  std::vector<DriftItem> items;
  for (const HostPlan& host : report.hosts) {
    for (const Change& c : host.changes) {
      if (Shown(c)) items.push_back({c.Address(), host.host, ChangeSummary(c)});
    }
    for (const PlannedHandler& h : host.handlers) {
      std::string summary = h.pending_since.empty()
                                ? "handler to run"
                                : fmt::format("handler pending since {}", h.pending_since);
      items.push_back({fmt::format("handler \"{}\" @ {}", h.id, host.host), host.host, summary});
    }
  }
  for (const catalog::Suppression& s : report.expired_suppressions) {
    items.push_back({fmt::format("suppression of {}", s.address), "",
                     fmt::format("suppression expired on {}", s.expires)});
  }
  return items;
}

std::vector<std::string> DriftedAddresses(const Plan& report) {
  std::vector<std::string> addresses;
  for (const DriftItem& item : DriftItems(report)) addresses.push_back(item.address);
  std::sort(addresses.begin(), addresses.end());
  addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
  return addresses;
}

std::string NotifyText(const Plan& report, NotifyEvent event) {
  std::vector<DriftItem> items = DriftItems(report);
  std::string hosts = Plural(report.hosts.size(), "host", "hosts");
  if (event == NotifyEvent::kCleared || items.empty()) {
    return fmt::format("kilter drift: drift cleared on {}", hosts);
  }
  std::vector<std::string> drifted = DriftedHosts(items);
  std::vector<std::string> named(drifted.begin(),
                                 drifted.begin() + std::min(drifted.size(), kTextHosts));
  if (drifted.size() > kTextHosts)
    named.push_back(fmt::format("+{} more", drifted.size() - kTextHosts));
  std::string text =
      fmt::format("kilter drift: {} drifted", Plural(items.size(), "resource", "resources"));
  if (!drifted.empty()) {
    text +=
        fmt::format(" on {} ({})", Plural(drifted.size(), "host", "hosts"), fmt::join(named, ", "));
  }
  if (event == NotifyEvent::kChanged) text += ", changed since the last notification";
  return text;
}

nlohmann::json NotifyBody(const Plan& report, NotifyEvent event) {
  std::vector<DriftItem> items = DriftItems(report);
  PlanSummary summary = Summarize(report);
  nlohmann::json drifted = nlohmann::json::array();
  for (const DriftItem& item : items) {
    drifted.push_back({{"address", item.address}, {"host", item.host}, {"summary", item.summary}});
  }
  return {{"kind", report.kind},
          {"event", ToString(event)},
          {"created", report.created},
          {"exit_status", ExitCode(report)},
          {"counts",
           {{"hosts", report.hosts.size()},
            {"drifted_hosts", DriftedHosts(items).size()},
            {"drifted", items.size()},
            {"problems", summary.problems},
            {"suppressed", summary.suppressed},
            {"expired_suppressions", summary.expired_suppressions}}},
          {"drifted", drifted},
          {"text", NotifyText(report, event)}};
}

}  // namespace kilter::reconciler
