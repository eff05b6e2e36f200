#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/plan/plan.h"

/// What `kilter probe` prints: every health check of a plan limited to
/// health.check, healthy or not, with what was measured.
namespace kilter::cli {

/// One line per check ("ok" or "FAIL", its address, its latencies), the
/// problems of a failing one under it, the errors, then a summary line.
std::string RenderProbeText(const reconciler::Plan& plan);

/// The same as a JSON document: {"kind": "probe", "checks": [...],
/// "errors": [...], "summary": {...}} (docs/cli.md, kilter probe).
nlohmann::json ProbeJson(const reconciler::Plan& plan);

/// 1 on any error, 2 when a check fails, else 0: the codes of `drift`.
int ProbeExitCode(const reconciler::Plan& plan);

}  // namespace kilter::cli
