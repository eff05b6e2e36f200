#pragma once

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// `kilter report merge FILE...`: the JSON plans or drift reports of every
/// --shard of one run, joined and printed as one; `kilter report html DIR`:
/// the HTML report of the run log.
extern const CommandSpec kReportCommand;

}  // namespace kilter::cli
