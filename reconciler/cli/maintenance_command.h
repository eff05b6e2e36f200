#pragma once

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// `kilter maintenance run NAME` and `kilter maintenance job ...`: a
/// mysql.maintenance run by hand, or as its cron file starts it on the host.
extern const CommandSpec kMaintenanceCommand;

}  // namespace kilter::cli
