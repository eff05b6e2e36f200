#pragma once

#include "reconciler/cli/command.h"

/// The commands that work on specs without touching a live system
/// (check_command.cc, compile_command.cc, fmt_command.cc, graph_command.cc,
/// explain_command.cc); listed in the table in commands.cc.
namespace kilter::cli {

extern const CommandSpec kCheckCommand;
extern const CommandSpec kCompileCommand;
extern const CommandSpec kFmtCommand;
extern const CommandSpec kGraphCommand;
extern const CommandSpec kExplainCommand;

}  // namespace kilter::cli
