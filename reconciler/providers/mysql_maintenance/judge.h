#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reconciler/providers/mysql_maintenance/job.h"

/// Drift of a mysql.maintenance resource from what the host recorded of its
/// runs. Pure: the clock and the record come from the read.
namespace kilter::reconciler::mysql_maintenance {

/// The problems drift reports: the last run failed (each failed table with
/// the server's error) or left tables for the window's end, the record is
/// not one kilter writes, or the last run (none: the schedule's
/// installation) is older than the schedule's period plus grace. `record`
/// is the record file's text, nullopt when there is none; `installed` the
/// cron file's mtime, nullopt when it is missing.
std::vector<std::string> RunProblems(const Job& job, int64_t now,
                                     const std::optional<std::string>& record,
                                     std::optional<int64_t> installed,
                                     const std::string& record_path);

}  // namespace kilter::reconciler::mysql_maintenance
