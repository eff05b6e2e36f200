#pragma once

#include <string>
#include <utility>
#include <vector>

/// The cron.d file through which kilter runs a job on a host on schedule
/// (backup.policy's backup, mysql.maintenance's run): one line, as `user`,
/// its output appended to a log, the file marked as the resource's.
namespace kilter::reconciler::kit {

/// What the cron file runs, when and as whom.
struct CronJob {
  std::string type;      ///< the resource the mark names
  std::string name;
  std::string host;
  std::string schedule;  ///< the five crontab(5) time fields
  std::string user;
  std::string command;   ///< shell words, already quoted; no '%' (cron makes it a newline)
  std::string log;       ///< where the job's output is appended
  /// `kilter-KEY: value` header lines (the resource's fields, for the plan's field lines).
  std::vector<std::pair<std::string, std::string>> records = {};
};

/// The cron file's text, with kilter's header.
std::string RenderCronFile(const CronJob& job);

}  // namespace kilter::reconciler::kit
