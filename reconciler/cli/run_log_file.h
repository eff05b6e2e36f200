#pragma once

#include <string>
#include <string_view>

#include "reconciler/cli/args.h"
#include "reconciler/plan/plan.h"
#include "reconciler/report/run_log.h"

namespace kilter::cli {

/// Appends `line` and a newline to `path` (created 0644 when absent) in one
/// write(2) on a file opened with O_APPEND, so the lines of runs appending
/// at once never interleave. Throws std::runtime_error naming the path; a
/// short write is an error too.
void AppendLine(const std::string& path, std::string_view line);

/// --log FILE of plan, apply, drift and probe: appends the run's line
/// (reconciler::RunLogLine) when the flag is given. Called after the report
/// is printed: a log that cannot be written fails the run (exit 1) without
/// losing what was printed.
void AppendRunLog(const Args& args, const reconciler::Plan& report, const reconciler::RunInfo& run,
                  const reconciler::ApplyErrors& apply_errors = {});

}  // namespace kilter::cli
