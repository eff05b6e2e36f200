#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/health_probe.h"

/// What a probe measured on the host, and the judgement of it against the
/// check: pure functions of the probe's output, no I/O, no clock.
namespace kilter::reconciler::kit {

/// One attempt of a probe.
struct Sample {
  int exit_code = 0;  ///< of the tool: 0 when it connected (and, for http, got an answer)
  int status = 0;     ///< http: the status of the answer (0: none); others 0
  double ms = 0;      ///< how long it took, in milliseconds
  std::string error;  ///< what the tool said when it failed, in one line
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Sample, exit_code, status, ms, error)

/// Every sample of one check, and the last body an http probe received.
struct Measurement {
  std::vector<Sample> samples;
  std::string body;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Measurement, samples, body)

/// The output of ProbeScript (check.h) as samples; throws
/// std::invalid_argument on a line that is not a sample.
Measurement ParseProbe(Probe probe, const std::string& out);

/// The judgement of one check.
struct Verdict {
  std::vector<std::string> problems;  ///< empty: healthy
  int answered = 0;                   ///< samples that connected
  /// Every sample connected and answered as expected (status, body), its
  /// latency aside: a slow check is not a failing one.
  bool succeeded = false;
  double median_ms = 0;               ///< of the samples that connected
  double worst_ms = 0;

  /// "median 203 ms, worst 210 ms over 5 samples" ("no sample connected").
  std::string Latencies() const;
};

/// Healthy when every sample connected (http: with expect_status), the body
/// holds expect_body, the median is within max_latency and the worst within
/// max_worst; otherwise one problem per failed rule, naming the target.
Verdict Judge(const HealthCheck& check, const Measurement& measurement);

/// "203 ms", "0.4 ms": a latency as messages show it.
std::string Millis(double ms);

}  // namespace kilter::reconciler::kit
