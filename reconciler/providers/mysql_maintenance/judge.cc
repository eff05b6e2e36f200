#include "reconciler/providers/mysql_maintenance/judge.h"

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/kit/late_run.h"
#include "reconciler/providers/mysql_maintenance/record.h"

namespace kilter::reconciler::mysql_maintenance {

std::vector<std::string> RunProblems(const Job& job, int64_t now,
                                     const std::optional<std::string>& text,
                                     std::optional<int64_t> installed,
                                     const std::string& record_path) {
  std::vector<std::string> problems;
  std::optional<Record> record;
  if (text) {
    record = Record::Parse(*text);
    if (!record) {
      problems.push_back(fmt::format(
          "{} is not a run record kilter writes: the next run replaces it", record_path));
    }
  }
  std::optional<int64_t> last;
  if (record) {
    last = ParseRfc3339(record->start);
    if (!record->error.empty()) {
      problems.push_back(fmt::format("the last run ({}) failed: {}", record->start, record->error));
    }
    std::vector<std::string> skipped;
    for (const TableStep& s : record->steps) {
      if (s.result == "failed") {
        problems.push_back(fmt::format("the last run ({}) failed on table {}.{}: {} TABLE: {}",
                                       record->start, record->database, s.table, s.action,
                                       s.error));
      } else if (s.result == "skipped" && (skipped.empty() || skipped.back() != s.table)) {
        skipped.push_back(s.table);
      }
    }
    if (!skipped.empty()) {
      std::string names;
      for (const std::string& t : skipped) names += (names.empty() ? "" : ", ") + t;
      problems.push_back(fmt::format(
          "the last run ({}) left {} table{} for the window {} ended: {}", record->start,
          skipped.size(), skipped.size() == 1 ? "" : "s", job.window_text, names));
    }
  }
  if (auto late = kit::LateRunProblem(now, last, installed, job.schedule.PeriodSeconds(),
                                      job.grace_seconds,
                                      {"late maintenance", "the last run", "no run at all"})) {
    problems.push_back(*late);
  }
  return problems;
}

}  // namespace kilter::reconciler::mysql_maintenance
