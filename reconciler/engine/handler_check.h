#pragma once

#include <string>
#include <vector>

#include "reconciler/engine/planner.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// The program a handler's shell command starts: its first word after
/// variable assignments and the wrappers env, sudo, doas, exec, nice and
/// nohup (with their options). Empty when the command does not start with a
/// plain word (a subshell, a quote kilter does not unpick).
std::string ProgramOf(const std::string& command);

/// True when the command calls systemctl, which needs systemd running as
/// the host's init (PID 1).
bool UsesSystemctl(const std::string& command);

/// Whether every handler `plan` would run on its host can run there: its
/// program is a command on the host and, where it calls systemctl, systemd
/// is running (/run/systemd/system exists, as sd_booted(3) checks). One
/// command on the host, none when the plan runs no handler. An error per
/// handler that cannot, naming the host, the handler, why, and the provider
/// setting to set instead; plan reports them before anything is written and
/// apply refuses to start.
std::vector<std::string> CheckHandlers(Transport& transport, const HostReading& reading,
                                       const HostPlan& plan);

}  // namespace kilter::reconciler
