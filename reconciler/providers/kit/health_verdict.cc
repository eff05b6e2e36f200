#include "reconciler/providers/kit/health_verdict.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) {
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

/// The reason in an OpenSSL error line
/// ("40C7..:error:0A000086:SSL routines:FUNC:REASON:FILE:LINE:"), or "".
std::string OpensslReason(const std::string& line) {
  static const std::regex kLine(":error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):");
  std::smatch m;
  return std::regex_search(line, m, kLine) ? m[1].str() : "";
}

/// One line of what the tool said (its stderr, lines joined by tabs),
/// without the noise around the reason.
std::string CleanError(Probe probe, const std::string& said) {
  std::vector<std::string> lines = Split(said, '\t');
  if (lines.empty()) return "";
  if (probe == Probe::kTcp) {
    std::string first = lines[0];
    if (first.rfind("kilter-probe: ", 0) == 0) first = first.substr(14);
    return first;
  }
  if (probe == Probe::kTls) {
    static const std::regex kVerify("verify error:num=[0-9]+:(.*)");
    std::smatch m;
    for (const std::string& line : lines) {
      if (std::regex_search(line, m, kVerify)) return "certificate verify failed: " + m[1].str();
    }
    for (const std::string& line : lines) {
      std::string reason = OpensslReason(line);
      if (!reason.empty()) return reason;
    }
    return lines.back();
  }
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : "; ") + line;
  return joined;
}

/// "3 of 5 samples" / "5 samples" / "1 sample".
std::string OfSamples(size_t some, size_t all) {
  if (some == all) return fmt::format("{} sample{}", all, all == 1 ? "" : "s");
  return fmt::format("{} of {} samples", some, all);
}

/// The start of a body, for a message: at most 60 characters on one line.
std::string Begins(const std::string& body) {
  std::string text = body.substr(0, 60);
  for (char& ch : text) ch = (ch == '\n' || ch == '\r' || ch == '\t') ? ' ' : ch;
  return fmt::format("\"{}{}\"", text, body.size() > 60 ? "..." : "");
}

/// A body pattern: ECMAScript, ^ and $ at the start and end of every line.
std::regex BodyPattern(const std::string& re) {
  return std::regex(re, std::regex::ECMAScript | std::regex::multiline);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

Measurement ParseProbe(Probe probe, const std::string& out) {
  Measurement m;
  size_t body = out.find("\nbody\n");
  std::string samples = body == std::string::npos ? out : out.substr(0, body + 1);
  if (out.rfind("body\n", 0) == 0) {
    samples.clear();
    m.body = out.substr(5);
  } else if (body != std::string::npos) {
    m.body = out.substr(body + 6);
  }
  std::istringstream lines(samples);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string tag, status;
    Sample s;
    double seconds = 0;
    if (!(words >> tag >> s.exit_code >> status >> seconds) || tag != "sample") {
      throw std::invalid_argument(fmt::format("unexpected probe output \"{}\"", line));
    }
    s.status = status == "-" ? 0 : std::atoi(status.c_str());
    s.ms = seconds * 1000;
    std::string rest;
    std::getline(words, rest);
    s.error = CleanError(probe, rest);
    m.samples.push_back(std::move(s));
  }
  return m;
}

std::string Millis(double ms) {
  if (ms < 10) return fmt::format("{:.1f} ms", ms);
  return fmt::format("{} ms", static_cast<long long>(std::llround(ms)));
}

std::string Verdict::Latencies() const {
  if (answered == 0) return "no sample connected";
  return fmt::format("median {}, worst {} over {} sample{}", Millis(median_ms), Millis(worst_ms),
                     answered, answered == 1 ? "" : "s");
}

Verdict Judge(const HealthCheck& check, const Measurement& m) {
  Verdict v;
  const std::string what = check.Describe();
  std::vector<double> times;
  size_t failed = 0, wrong = 0;
  std::string first_error;
  int wrong_status = 0;
  for (const Sample& s : m.samples) {
    if (s.exit_code != 0) {
      ++failed;
      if (first_error.empty())
        first_error = s.error.empty() ? fmt::format("exit {}", s.exit_code) : s.error;
      continue;
    }
    times.push_back(s.ms);
    if (check.probe == Probe::kHttp && s.status != check.expect_status) {
      ++wrong;
      if (!wrong_status) wrong_status = s.status;
    }
  }
  v.answered = static_cast<int>(times.size());
  if (!times.empty()) {
    v.median_ms = Median(times);
    v.worst_ms = *std::max_element(times.begin(), times.end());
  }
  size_t all = m.samples.size();
  if (all == 0) {
    v.problems.push_back(fmt::format("{}: the probe took no sample", what));
    return v;
  }
  if (failed) {
    v.problems.push_back(
        fmt::format("{}: {} failed: {}", what, OfSamples(failed, all), first_error));
  }
  if (wrong) {
    v.problems.push_back(fmt::format("{}: answered {}, expected {} ({})", what, wrong_status,
                                     check.expect_status, OfSamples(wrong, all)));
  }
  if (!check.expect_body.empty() && v.answered > 0) {
    std::optional<std::string> re = check.BodyRegex();
    bool found = re ? std::regex_search(m.body, BodyPattern(*re))
                    : m.body.find(check.expect_body) != std::string::npos;
    if (!found) {
      v.problems.push_back(fmt::format("{}: the body does not {} \"{}\"; it begins {}", what,
                                       re ? "match" : "contain", check.expect_body,
                                       Begins(m.body)));
    }
  }
  v.succeeded = v.problems.empty();
  if (check.max_latency_ms && v.answered > 0 && v.median_ms > *check.max_latency_ms) {
    v.problems.push_back(fmt::format("{} is slow: {}, target {}", what, v.Latencies(),
                                     Millis(static_cast<double>(*check.max_latency_ms))));
  }
  if (check.max_worst_ms && v.answered > 0 && v.worst_ms > *check.max_worst_ms) {
    v.problems.push_back(fmt::format("{} has a slow sample: {}, max_worst {}", what, v.Latencies(),
                                     Millis(static_cast<double>(*check.max_worst_ms))));
  }
  return v;
}

}  // namespace kilter::reconciler::kit
