#pragma once

#include <string>

#include "reconciler/plan/plan.h"

namespace kilter::cli {

/// Reads a plan document (`kilter plan -o`, `--format json`, `kilter drift
/// --format json`) from `path`. Throws std::runtime_error naming `path` when it
/// cannot be read, is not JSON or not a plan this kilter reads.
reconciler::Plan ReadPlanFile(const std::string& path);

}  // namespace kilter::cli
