#pragma once

#include <string>
#include <vector>

/// Apply's words to the user beside its counts, one line each (the
/// latencies of the health checks a change named in `checked_by`). The
/// engine collects them per host: it applies a host's batches on one thread
/// and holds an AppliedReports there while the providers' Apply runs.
namespace kilter::reconciler {

/// While alive, what ReportApplied says on this thread is added to `lines`.
class AppliedReports {
 public:
  explicit AppliedReports(std::vector<std::string>& lines);
  ~AppliedReports();
  AppliedReports(const AppliedReports&) = delete;
  AppliedReports& operator=(const AppliedReports&) = delete;

 private:
  std::vector<std::string>* previous_;
};

/// Adds `line` to the AppliedReports of this thread; nothing listens
/// outside an apply (plan, drift), and then it is dropped.
void ReportApplied(const std::string& line);

}  // namespace kilter::reconciler
