#pragma once

#include <string>

#include "reconciler/providers/mysql_maintenance/job.h"
#include "reconciler/providers/mysql_maintenance/record.h"
#include "reconciler/transport/transport.h"

/// A maintenance run, the same whether cron starts it on the host
/// (`kilter maintenance job`, the local transport) or someone does by hand
/// (`kilter maintenance run NAME`, over the host's transport): ANALYZE TABLE
/// on each table, OPTIMIZE TABLE where the free space is over the threshold,
/// a table started only inside the window, the result recorded on the host.
namespace kilter::reconciler::mysql_maintenance {

struct RunOutcome {
  bool started = false;  ///< false: refused outside the window, nothing done or recorded
  std::string refusal;   ///< why, when not started
  Record record;
};

/// Runs `job` now. Outside the window it refuses unless `force`; with
/// `force` it also works past the window's end. Writes the record to
/// Job::RecordPath; throws TransportError when the host cannot be reached.
RunOutcome RunMaintenance(Transport& transport, const Settings& settings, const Job& job,
                          bool force);

}  // namespace kilter::reconciler::mysql_maintenance
