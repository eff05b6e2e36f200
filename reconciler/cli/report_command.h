#pragma once

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// `kilter report merge FILE...`: the JSON plans or drift reports of every
/// --shard of one run, joined and printed as one.
extern const CommandSpec kReportCommand;

}  // namespace kilter::cli
