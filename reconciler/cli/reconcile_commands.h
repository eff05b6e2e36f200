#pragma once

#include "reconciler/cli/command.h"

/// The commands that read and change live hosts (plan_command.cc,
/// apply_command.cc, drift_command.cc, forget_command.cc, import_command.cc,
/// probe_command.cc); listed in the table in commands.cc.
namespace kilter::cli {

extern const CommandSpec kPlanCommand;
extern const CommandSpec kApplyCommand;
extern const CommandSpec kDriftCommand;
extern const CommandSpec kForgetCommand;
extern const CommandSpec kImportCommand;
extern const CommandSpec kProbeCommand;

}  // namespace kilter::cli
