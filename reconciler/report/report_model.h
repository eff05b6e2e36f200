#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

/// What the HTML report shows, folded from the run log (docs/run-log.md)
/// line by line, so a log of any length is read in one pass and never held
/// whole. Plain data: the page is a pure function of it.
namespace kilter::reconciler {

/// A log line that is not a run log line of a version this build reads.
class RunLogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A measure name that says when a certificate expires (Unix time):
/// any type's, docs/providers/authoring.md "Measures".
inline constexpr char kCertificateExpiryMeasure[] = "certificate_expiry_timestamp_seconds";

/// One resource as the newest run that read its host saw it.
struct ReportResource {
  std::string address, type, name;
  std::string status;  ///< "in_sync", "drifted", "changed", "failed"
  std::string kind, cause;
  std::vector<std::string> diff, problems;
};

/// One host: the newest plan, apply or drift line that holds it.
struct ReportHost {
  std::string host;
  bool seen = false;  ///< a line holds it; false: declared, never read
  bool reachable = false;
  std::string run_time, command;  ///< of that line
  std::vector<std::string> errors = {};
  std::string last_apply;
  std::vector<ReportResource> resources;
};

/// One point of a health check's latency history.
struct LatencyPoint {
  int64_t time = 0;  ///< Unix time of the line
  double median_seconds = 0;
  std::optional<double> worst_seconds;
};

/// A health check's latency over the log, with its target (max_latency).
struct LatencySeries {
  std::string address, host;
  std::vector<LatencyPoint> points;  ///< in log order
  std::optional<double> target_seconds;
};

/// A measure of the newest line that has it, with what judges it.
struct Gauge {
  std::string address, host;
  double value = 0;
  std::optional<double> limit;  ///< backup: the schedule's longest gap
};

/// Counts over the health checks of every line: the uptime KPI.
struct Availability {
  int64_t observations = 0;
  int64_t healthy = 0;
};

struct ReportModel {
  std::vector<ReportHost> hosts;  ///< the specs' hosts in inventory order, then others seen
  std::vector<std::string> types;  ///< resource types declared or seen, sorted
  /// Declared resources per host and type, for cells no run has read.
  std::map<std::string, std::map<std::string, int>> declared;
  std::string first_time, last_time;  ///< of the log's lines (RFC 3339)
  int64_t last_unix = 0;              ///< "now" of the page: the newest line's time
  int64_t lines = 0;
  std::vector<LatencySeries> latency;  ///< by address
  std::vector<Gauge> backups;          ///< backup_age_seconds, limit backup_interval_seconds
  std::vector<Gauge> certificates;     ///< kCertificateExpiryMeasure
  Availability availability;
};

/// Folds run log lines into a ReportModel: declare the specs, add each line
/// in log order, then Finish.
class ReportBuilder {
 public:
  /// The hosts and resources of the specs: every host gets a row.
  explicit ReportBuilder(const catalog::Catalog& specs);

  /// One parsed line. Throws RunLogError when it is not a version 1 run log line.
  void Add(const nlohmann::json& line);

  ReportModel Finish();

 private:
  ReportHost& Host(const std::string& name);
  void AddMeasures(const std::string& host, const nlohmann::json& resource, int64_t time);

  ReportModel model_;
  std::map<std::string, size_t> host_index_;
  std::map<std::string, LatencySeries> latency_;
  std::map<std::string, Gauge> backups_, certificates_;
  std::map<std::string, bool> types_;
};

}  // namespace kilter::reconciler
