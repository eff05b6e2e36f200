#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

/// A declared health.check as every type runs it (health.check itself, and
/// the checks bluegreen.service, nginx.upstream and nginx.rate_limit name in
/// `checked_by`), and the shell command that probes it on the host.
namespace kilter::reconciler::kit {

/// health.check's settings for one host, declared with their defaults in
/// stdlib/schemas/health.kilt (`settings health.check`): whoever runs a check
/// runs it with these.
struct HealthSettings {
  std::string curl;     ///< the command http checks run
  std::string openssl;  ///< the command tls checks run
  std::string bash;     ///< the shell tcp and tls checks time themselves with
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(HealthSettings, curl, openssl, bash)

enum class Probe { kHttp, kTcp, kTls };

/// One health.check resource, its fields typed (durations in milliseconds).
struct HealthCheck {
  std::string name;
  Probe probe = Probe::kHttp;
  std::string target;       ///< the URL, or HOST:PORT
  std::string server_name;  ///< tls: the name sent and verified
  std::string ca_file;      ///< tls: "" means the host's trust store
  int expect_status = 200;
  std::string expect_body;  ///< "" means not judged; "/RE/" is a regular expression
  std::map<std::string, std::string> headers;
  std::optional<int64_t> max_latency_ms;
  std::optional<int64_t> max_worst_ms;
  int samples = 5;
  int64_t timeout_ms = 2000;

  /// The check of a catalog resource of type health.check. Throws
  /// std::invalid_argument on a body pattern that is not a valid regular
  /// expression (the schema checks everything else).
  static HealthCheck From(const catalog::Resource& resource);

  /// What is probed, for messages: "http://127.0.0.1/health",
  /// "tcp 127.0.0.1:6379", "tls 127.0.0.1:443 as shop.example".
  std::string Describe() const;
  /// The body pattern between the slashes when expect_body is "/RE/".
  std::optional<std::string> BodyRegex() const;
};

/// The host and port of a HOST:PORT or [IPv6]:PORT target, brackets dropped.
std::pair<std::string, std::string> SplitHostPort(const std::string& target);

/// The /bin/sh script that probes `check` `samples` times on the host and
/// prints one line per sample, "sample EXIT STATUS SECONDS MESSAGE" (STATUS
/// "-" but for http), then for http a line "body" and the last body (at most
/// 64 KiB). When the tool it needs is missing it says so on stderr and
/// exits 127.
std::string ProbeScript(const HealthCheck& check, const HealthSettings& settings);

/// ProbeScript of `check`, run again up to `attempts` times, `interval_ms`
/// apart, while its first sample does not connect or (http) answers another
/// status than expect_status; prints what the last run printed, and exits
/// as ProbeScript does when a tool is missing. For a probe that waits for a
/// server to come up (bluegreen.service's slot health).
std::string RetriedProbeScript(const HealthCheck& check, const HealthSettings& settings,
                               int attempts, int64_t interval_ms);

}  // namespace kilter::reconciler::kit
