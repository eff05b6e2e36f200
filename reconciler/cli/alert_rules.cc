#include "reconciler/cli/alert_rules.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/catalog/units.h"

namespace kilter::cli {

namespace {

/// The nightly job runs once a day; two more hours forgive a slow run.
constexpr int64_t kRunStaleSeconds = 26 * 3600;
/// The metrics gone altogether, for longer than a restart of the exporter.
constexpr int64_t kRunMissingForMs = 3600 * 1000;

struct Alert {
  std::string name;
  std::string expr;
  int64_t for_ms = 0;  ///< 0: alert at the first evaluation that matches
  std::string severity;
  std::string summary;
  std::string description;
};

/// A YAML double-quoted scalar: Prometheus templates hold `{{ }}` and `"`,
/// and --runbook-url is the user's text.
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// The docs/operations.md heading anchor of an alert: its name in lower case.
std::string Anchor(const std::string& name) {
  std::string out = name;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<Alert> Alerts(const AlertThresholds& t) {
  return {
      {"KilterDrift", "kilter_host_drift > 0", t.drift_for_ms, "warning",
       "{{ $labels.host }} differs from the specs",
       "{{ $value }} resources on {{ $labels.host }} differ from the specs or have a problem "
       "apply cannot fix, for longer than " +
           catalog::units::FormatDuration(t.drift_for_ms) + "."},
      {"KilterHostUnreachable", "kilter_host_reachable == 0", t.unreachable_for_ms, "critical",
       "kilter cannot read {{ $labels.host }}",
       "The last kilter run could not read {{ $labels.host }}, or part of it: its drift is "
       "unknown."},
      {"KilterRunStale",
       fmt::format("time() - kilter_run_timestamp_seconds > {}", kRunStaleSeconds), 0, "warning",
       "the kilter drift job has not run for over a day",
       "The kilter metrics of {{ $labels.instance }} are {{ $value | humanizeDuration }} old: "
       "the nightly kilter drift job stopped or fails before it reports."},
      {"KilterRunMissing", "absent(kilter_run_timestamp_seconds)", kRunMissingForMs, "warning",
       "Prometheus has no kilter metrics",
       "No series of kilter_run_timestamp_seconds for an hour: the textfile (kilter.prom) is "
       "gone, the exporter no longer reads it, or the drift job never ran."},
      {"KilterBackupStale",
       fmt::format("kilter_resource_backup_age_seconds > kilter_resource_backup_interval_seconds "
                   "+ {}",
                   t.backup_grace_ms / 1000),
       0, "critical", "backup {{ $labels.name }} on {{ $labels.host }} is late",
       "The newest snapshot of backup.policy {{ $labels.name }} on {{ $labels.host }} is "
       "{{ $value | humanizeDuration }} old: older than its schedule's longest gap plus " +
           catalog::units::FormatDuration(t.backup_grace_ms) + "."},
      {"KilterHealthCheckFailing", "kilter_resource_probe_success{type=\"health.check\"} == 0", 0,
       "critical", "health check {{ $labels.name }} on {{ $labels.host }} fails",
       "health.check {{ $labels.name }} on {{ $labels.host }} gets no answer or a wrong one "
       "(status, body or TLS)."},
      {"KilterHealthCheckSlow",
       "kilter_resource_latency_median_seconds{type=\"health.check\"} > "
       "kilter_resource_latency_target_seconds{type=\"health.check\"} or "
       "kilter_resource_latency_worst_seconds{type=\"health.check\"} > "
       "kilter_resource_latency_worst_target_seconds{type=\"health.check\"}",
       0, "warning", "health check {{ $labels.name }} on {{ $labels.host }} is slow",
       "health.check {{ $labels.name }} on {{ $labels.host }} answers right but slowly: "
       "{{ $value | humanizeDuration }}, over its max_latency (median) or max_worst (slowest "
       "sample)."},
      {"KilterCertificateExpiring",
       "kilter_resource_certificate_expiry_timestamp_seconds{type=\"tls.certificate\"} - time() < "
       "kilter_resource_certificate_renew_before_seconds{type=\"tls.certificate\"}",
       0, "warning", "certificate {{ $labels.name }} on {{ $labels.host }} expires soon",
       "A certificate that tls.certificate {{ $labels.name }} on {{ $labels.host }} serves (or "
       "its chain) expires in {{ $value | humanizeDuration }}, within its renew_before: renew it "
       "and apply."},
      {"KilterPendingHandlers", "kilter_host_pending_handlers > 0", 0, "warning",
       "handlers are pending on {{ $labels.host }}",
       "{{ $value }} handlers an earlier apply left pending on {{ $labels.host }} have not run: "
       "a restart or reload the host still needs."},
      {"KilterSuppressionExpired", "kilter_expired_suppressions > 0", 0, "warning",
       "suppressions in kilter.toml have expired",
       "{{ $value }} [[suppress]] entries in kilter.toml are past their expiry date: renew or "
       "remove them."},
  };
}

}  // namespace

std::string RenderAlertRules(const AlertThresholds& thresholds) {
  std::string out =
      "# Prometheus alerting rules for kilter's metrics, made by `kilter export alerts`.\n"
      "# The runbooks: docs/operations.md.\n"
      "groups:\n"
      "  - name: kilter\n"
      "    rules:\n";
  for (const Alert& a : Alerts(thresholds)) {
    out += fmt::format("      - alert: {}\n        expr: {}\n", a.name, a.expr);
    if (a.for_ms > 0) {
      out += fmt::format("        for: {}\n", catalog::units::FormatDuration(a.for_ms));
    }
    out += fmt::format("        labels:\n          severity: {}\n", a.severity);
    out += fmt::format(
        "        annotations:\n          summary: {}\n          description: {}\n"
        "          runbook_url: {}\n",
        Quote(a.summary), Quote(a.description),
        Quote(thresholds.runbook_url + "#" + Anchor(a.name)));
  }
  return out;
}

}  // namespace kilter::cli
