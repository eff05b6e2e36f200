#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_maintenance {

/// mysql.maintenance: scheduled ANALYZE and OPTIMIZE TABLE of a MariaDB
/// database inside a window (docs/providers/mysql.maintenance.md). Owns one
/// cron file per resource, which runs `kilter maintenance job` on the host;
/// reads it with the run's record and the host's clock in one batch.
std::unique_ptr<Provider> MakeMaintenanceProvider();

}  // namespace kilter::reconciler::mysql_maintenance
