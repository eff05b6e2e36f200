#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/transport.h"

/// `kilter backup run NAME` and `kilter backup verify NAME`: what a policy
/// does on demand, through the same transport as everything else.
namespace kilter::reconciler::backup {

/// The outcome of a run or a verification, for people.
struct Report {
  bool ok = false;
  std::vector<std::string> lines;
};

/// Runs the policy's installed job now (it must have been applied). `time`,
/// when given, is passed to restic backup --time ("2026-11-01 03:00:00").
Report RunNow(Transport& transport, const nlohmann::json& settings,
              const catalog::Resource& policy, const std::string& time);

/// Restores the latest snapshot to a scratch place and checks it: a database
/// is loaded into a scratch database and its tables and exact row counts
/// compared with the source; paths are compared file by file (sha256) with
/// the source. Scratch data is removed afterwards, whatever the outcome.
Report Verify(Transport& transport, const nlohmann::json& settings,
              const catalog::Resource& policy);

}  // namespace kilter::reconciler::backup
