#pragma once

#include <string>
#include <vector>

#include "reconciler/cli/args.h"

namespace kilter::cli {

/// `kilter report html DIR --log FILE [PATH...]`: compiles the specs at
/// PATH, folds the run log FILE and writes DIR/index.html atomically
/// (docs/cli.md). Returns the exit status; throws UsageError and
/// std::runtime_error (a bad log line names the file and line).
int RunReportHtml(const Args& args);

}  // namespace kilter::cli
