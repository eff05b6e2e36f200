#pragma once

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// `kilter export alerts`: Prometheus alerting rules for kilter's metrics.
extern const CommandSpec kExportCommand;

}  // namespace kilter::cli
