#include "reconciler/report/render_html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/report/html_text.h"
#include "reconciler/report/svg_chart.h"

namespace kilter::reconciler {

namespace {

constexpr char kStyle[] = R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;
color:#1b1b1b;background:#fff}
h1{font-size:1.6em;margin:0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:.2em 0}
code,pre{font:12px/1.35 ui-monospace,monospace}
pre{background:#f5f5f5;padding:.5em;overflow-x:auto;white-space:pre-wrap;margin:.3em 0}
table{border-collapse:collapse;margin:.4em 0}
th,td{border:1px solid #ccc;padding:.2em .45em;text-align:left;vertical-align:top}
thead th{background:#eee}
.kpis{display:flex;flex-wrap:wrap;gap:.8em;list-style:none;padding:0}
.kpi{border:2px solid #ccc;border-radius:4px;padding:.5em .8em;min-width:12em}
.kpi .value{display:block;font-size:1.5em;font-weight:bold}
.ok{background:#e6f4e6;border-color:#5a5}.drifted{background:#fff3d6;border-color:#d90}
.failed{background:#fbe3e3;border-color:#c33}.unread{background:#eee;color:#555}
.status{font-size:.85em;font-weight:bold;text-transform:uppercase}
article{border-left:4px solid #d90;padding:.2em .7em;margin:.6em 0}
article.failed{border-left-color:#c33}
figure{margin:.6em 0;break-inside:avoid}figcaption{font-size:.9em}
.chart{width:100%;max-width:40em;height:auto;display:block}
.chart text{font:11px sans-serif;fill:#333}.chart .axis{stroke:#888}
.chart .median{fill:none;stroke:#1f5fbf;stroke-width:1.5}
.chart .dot{fill:#1f5fbf}.chart .over{fill:#c33}
.chart line.target{stroke:#c33;stroke-dasharray:5 4}.chart text.target{fill:#c33}
footer{margin-top:2em;font-size:.85em;color:#555}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}
tr,article,figure,.kpi{break-inside:avoid}pre{white-space:pre-wrap}
a{color:inherit;text-decoration:none}}
</style>
)";

std::string Esc(const std::string& text) { return EscapeHtml(text); }

/// "3 d", "5 h", "12 min", "40 s".
std::string Age(double seconds) {
  double s = std::max(seconds, 0.0);
  if (s >= 2 * 86400) return fmt::format("{:.0f} d", std::floor(s / 86400));
  if (s >= 3600) return fmt::format("{:.0f} h", std::floor(s / 3600));
  if (s >= 60) return fmt::format("{:.0f} min", std::floor(s / 60));
  return fmt::format("{:.0f} s", s);
}

/// "2026-12-07T03:00:00Z (5 h ago)", or "never" for an empty time.
std::string When(const std::string& time, int64_t now) {
  if (time.empty()) return "never";
  std::optional<int64_t> t = ParseRfc3339(time);
  if (!t) return Esc(time);
  return fmt::format("<time datetime=\"{0}\">{0}</time> ({1} ago)", Esc(time), Age(now - *t));
}

struct Counts {
  int in_sync = 0, drifted = 0, failed = 0;
};

Counts CountsOf(const ReportHost& host, const std::string& type) {
  Counts c;
  for (const ReportResource& r : host.resources) {
    if (r.type != type) continue;
    if (r.status == "failed") {
      ++c.failed;
    } else if (r.status == "drifted") {
      ++c.drifted;
    } else {
      ++c.in_sync;
    }
  }
  return c;
}

bool Bad(const ReportResource& r) { return r.status == "drifted" || r.status == "failed"; }

std::string Kpi(bool ok, const std::string& value, const std::string& label) {
  return fmt::format("<li class=\"kpi {}\"><span class=\"value\">{}</span>{}</li>\n",
                     ok ? "ok" : "failed", value, label);
}

std::string Headline(const ReportModel& m) {
  int in_sync = 0, read = 0;
  for (const ReportHost& h : m.hosts) {
    if (!h.seen) continue;
    ++read;
    in_sync += h.reachable && std::none_of(h.resources.begin(), h.resources.end(), Bad);
  }
  std::string out = "<section id=\"targets\">\n<h2>Targets</h2>\n<ul class=\"kpis\">\n";
  out += Kpi(in_sync == static_cast<int>(m.hosts.size()),
             fmt::format("{} of {}", in_sync, m.hosts.size()),
             "hosts in sync with the specs at their last run");
  int within = 0, judged = 0;
  double worst_ratio = 0;
  for (const LatencySeries& s : m.latency) {
    if (!s.target_seconds || s.points.empty()) continue;
    ++judged;
    within += s.points.back().median_seconds <= *s.target_seconds;
    worst_ratio = std::max(worst_ratio, s.points.back().median_seconds / *s.target_seconds);
  }
  out += Kpi(within == judged, fmt::format("{} of {}", within, judged),
             fmt::format("health checks within their latency target (API &lt; 100 ms, "
                         "database &lt; 30 ms as the specs set them); the slowest at {:.0f} % "
                         "of its target",
                         worst_ratio * 100));
  const Availability& a = m.availability;
  double share = a.observations ? static_cast<double>(a.healthy) / a.observations : 1;
  out += Kpi(share >= kAvailabilityTarget,
             a.observations ? fmt::format("{:.3f} %", share * 100) : "no checks",
             fmt::format("of {} health-check runs healthy (target {:g} %)", a.observations,
                         kAvailabilityTarget * 100));
  int fresh = 0;
  for (const Gauge& g : m.backups) fresh += !g.limit || g.value <= *g.limit;
  out += Kpi(fresh == static_cast<int>(m.backups.size()),
             fmt::format("{} of {}", fresh, m.backups.size()),
             "backups younger than their schedule's longest gap");
  if (!m.certificates.empty()) {
    double soonest = m.certificates.front().value;
    for (const Gauge& g : m.certificates) soonest = std::min(soonest, g.value);
    double left = soonest - static_cast<double>(m.last_unix);
    out += Kpi(left > kCertificateWarnSeconds, Age(left), "until the first certificate expires");
  }
  return out + "</ul>\n</section>\n";
}

std::string Cell(const ReportModel& m, const ReportHost& h, const std::string& type) {
  auto host = m.declared.find(h.host);
  int declared = 0;
  if (host != m.declared.end()) {
    auto it = host->second.find(type);
    if (it != host->second.end()) declared = it->second;
  }
  Counts c = CountsOf(h, type);
  if (c.in_sync + c.drifted + c.failed == 0) {
    return declared ? fmt::format("<td class=\"unread\">{} not read</td>", declared) : "<td></td>";
  }
  const char* cls = c.failed ? "failed" : c.drifted ? "drifted" : "ok";
  std::string text = fmt::format("{} in sync", c.in_sync);
  if (c.drifted) text += fmt::format(", {} drifted", c.drifted);
  if (c.failed) text += fmt::format(", {} failed", c.failed);
  return fmt::format("<td class=\"{}\">{}</td>", cls, text);
}

std::string Grid(const ReportModel& m) {
  std::string out =
      "<section id=\"hosts\">\n<h2>Hosts and resource types</h2>\n<table class=\"grid\">\n"
      "<thead><tr><th>host</th><th>last run</th><th>last apply</th>";
  for (const std::string& type : m.types) out += fmt::format("<th>{}</th>", Esc(type));
  out += "</tr></thead>\n<tbody>\n";
  for (const ReportHost& h : m.hosts) {
    out += fmt::format("<tr class=\"host\"><th scope=\"row\">{}</th>", Esc(h.host));
    if (!h.seen) {
      out += "<td class=\"unread\">not in the log</td><td></td>";
    } else {
      out += fmt::format("<td{}>{} {}{}</td><td>{}</td>", h.reachable ? "" : " class=\"failed\"",
                         Esc(h.command), When(h.run_time, m.last_unix),
                         h.reachable ? "" : ", not reachable", When(h.last_apply, m.last_unix));
    }
    for (const std::string& type : m.types) out += Cell(m, h, type);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string Problems(const ReportModel& m) {
  std::string out = "<section id=\"drift\">\n<h2>Drifted and failed resources</h2>\n";
  std::string items;
  int count = 0;
  for (const ReportHost& h : m.hosts) {
    for (const std::string& e : h.errors) {
      ++count;
      items += fmt::format(
          "<article class=\"failed host-error\"><h3>{} <span class=\"status\">error</span></h3>"
          "<pre>{}</pre></article>\n",
          Esc(h.host), Esc(e));
    }
    for (const ReportResource& r : h.resources) {
      if (!Bad(r)) continue;
      ++count;
      std::string what = r.kind.empty() ? "" : Esc(r.kind);
      if (!r.cause.empty()) what += fmt::format(" ({})", Esc(r.cause));
      items += fmt::format(
          "<article class=\"{}\"><h3><code class=\"address\">{}</code> "
          "<span class=\"status\">{}</span></h3><p>{}{}{}</p>",
          Esc(r.status), Esc(r.address), Esc(r.status), what, what.empty() ? "" : " · ",
          fmt::format("seen by {} at {}", Esc(h.command), Esc(h.run_time)));
      if (!r.diff.empty()) {
        std::string diff;
        for (const std::string& line : r.diff) diff += Esc(line) + "\n";
        items += "<pre class=\"diff\">" + diff + "</pre>";
      }
      if (!r.problems.empty()) {
        items += "<ul>";
        for (const std::string& p : r.problems) items += "<li>" + Esc(p) + "</li>";
        items += "</ul>";
      }
      items += "</article>\n";
    }
  }
  if (count == 0) {
    return out + "<p>None: every host read is as the specs declare it.</p>\n</section>\n";
  }
  return out + fmt::format("<p>{} at the last run of each host.</p>\n", count) + items +
         "</section>\n";
}

std::string Latency(const ReportModel& m, int64_t from) {
  std::string out = "<section id=\"latency\">\n<h2>Health-check latency</h2>\n";
  if (m.latency.empty()) return out + "<p>No health check in the log.</p>\n</section>\n";
  for (const LatencySeries& s : m.latency) {
    const LatencyPoint& last = s.points.back();
    std::string target =
        s.target_seconds ? fmt::format(", target {:g} ms", *s.target_seconds * 1000) : "";
    out += fmt::format("<figure><figcaption><code>{}</code>: median {:.1f} ms at the last run{}"
                       "</figcaption>\n{}</figure>\n",
                       Esc(s.address), last.median_seconds * 1000, target,
                       LatencyChart(s, from, m.last_unix));
  }
  return out + "</section>\n";
}

std::string Backups(const ReportModel& m) {
  std::string out = "<section id=\"backups\">\n<h2>Backups</h2>\n";
  if (m.backups.empty()) return out + "<p>No backup policy in the log.</p>\n</section>\n";
  out += "<table><thead><tr><th>policy</th><th>newest snapshot</th><th>longest gap of its "
         "schedule</th></tr></thead><tbody>\n";
  for (const Gauge& g : m.backups) {
    bool late = g.limit && g.value > *g.limit;
    out += fmt::format("<tr><td><code>{}</code></td><td class=\"{}\">{} old</td><td>{}</td></tr>\n",
                       Esc(g.address), late ? "failed" : "ok", Age(g.value),
                       g.limit ? Age(*g.limit) : "");
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string Certificates(const ReportModel& m) {
  std::string out = "<section id=\"certificates\">\n<h2>Certificate expiries</h2>\n";
  if (m.certificates.empty()) {
    return out + "<p>No certificate expiry in the log.</p>\n</section>\n";
  }
  out +=
      "<table><thead><tr><th>certificate</th><th>expires</th><th>left</th></tr></thead>"
      "<tbody>\n";
  for (const Gauge& g : m.certificates) {
    double left = g.value - static_cast<double>(m.last_unix);
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
                       Esc(g.address), Esc(FormatRfc3339(static_cast<int64_t>(g.value))),
                       left > kCertificateWarnSeconds ? "ok" : "failed",
                       left > 0 ? Age(left) : "expired");
  }
  return out + "</tbody></table>\n</section>\n";
}

}  // namespace

std::string RenderReportHtml(const ReportModel& m, const std::string& log_name) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<title>kilter report {}</title>\n{}</head>\n<body>\n<header><h1>kilter report</h1>\n"
      "<p>{} hosts; last run {}; {} runs logged since {}.</p></header>\n",
      Esc(m.last_time), kStyle, m.hosts.size(), Esc(m.last_time), m.lines, Esc(m.first_time));
  int64_t from = ParseRfc3339(m.first_time).value_or(m.last_unix);
  out += Headline(m) + Grid(m) + Problems(m) + Latency(m, from) + Backups(m) + Certificates(m);
  out += fmt::format(
      "<footer>Made by <code>kilter report html</code> from the specs and the run log "
      "<code>{}</code> (docs/run-log.md).</footer>\n</body>\n</html>\n",
      Esc(log_name));
  return out;
}

}  // namespace kilter::reconciler
