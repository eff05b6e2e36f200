#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// Runs `argv` (PATH is searched for argv[0]) in its own process group,
/// feeding `stdin_data` and capturing stdout and stderr together through one
/// poll loop, so neither side can block the other however much they write.
/// When `timeout` passes, the whole process group is killed and the result
/// has exit code 124 with whatever output came before. A program that cannot
/// be started is a result too: 127 (not found) or 126 (not executable) with
/// the reason on stderr, as /bin/sh would report it. Throws std::system_error
/// only when the machine itself refuses (no pipes, no processes left).
CommandResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data,
                         std::chrono::milliseconds timeout);

}  // namespace kilter::reconciler
