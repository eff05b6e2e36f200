#include "reconciler/providers/bluegreen/health.h"

#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/health_verdict.h"

namespace kilter::reconciler::bluegreen {

kit::HealthCheck UrlCheck(const Service& s, const std::string& url) {
  kit::HealthCheck check;
  check.name = s.name;
  check.probe = kit::Probe::kHttp;
  check.target = url;
  check.expect_status = s.health.status;
  check.expect_body = s.health.body;
  check.samples = 1;
  check.timeout_ms = s.health.timeout.count();
  return check;
}

std::string HealthScript(const Settings& settings, const Service& s, const std::string& url) {
  return kit::RetriedProbeScript(UrlCheck(s, url), {settings.curl, "openssl", "bash"},
                                 s.health.attempts, s.health.interval.count());
}

std::string ServerUrl(const Service& s, const std::string& address) {
  return "http://" + address + s.health.path;
}

std::string FrontendUrl(const Service& s) {
  std::string base = s.frontend;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + s.health.path;
}

Health JudgeHealth(const Service& s, const std::string& url, const std::string& version,
                   const kit::CommandRead& read) {
  if (!read.ok()) {
    return {false, fmt::format("the probe failed (exit {}): {}", read.exit_code,
                               catalog::Trim(read.err.empty() ? read.out : read.err))};
  }
  kit::HealthCheck check = UrlCheck(s, url);
  kit::Measurement m;
  try {
    m = kit::ParseProbe(check.probe, read.out);
  } catch (const std::invalid_argument& e) {
    return {false, e.what()};
  }
  kit::Verdict verdict = kit::Judge(check, m);
  if (!version.empty() && verdict.answered > 0 && m.body.find(version) == std::string::npos) {
    verdict.problems.push_back(
        fmt::format("{}: the body does not name the version \"{}\"", url, version));
  }
  if (!verdict.problems.empty()) {
    std::string why;
    for (const std::string& p : verdict.problems) why += (why.empty() ? "" : "; ") + p;
    return {false, why};
  }
  std::string start = m.body.substr(0, 60);
  for (char& ch : start) ch = ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch;
  return {true, catalog::Trim(fmt::format("{} {}", m.samples.front().status, start))};
}

}  // namespace kilter::reconciler::bluegreen
