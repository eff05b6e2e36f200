#pragma once

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// `kilter backup run|verify NAME`: a backup.policy on demand.
extern const CommandSpec kBackupCommand;

}  // namespace kilter::cli
