#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::backup {

/// One snapshot and what the retention policy does with it.
struct RetentionRow {
  std::string time;  ///< as restic prints it
  std::string id;    ///< short id
  bool keep = false;
  std::string why;   ///< "daily snapshot, weekly snapshot" for kept ones
};

/// What `restic forget --dry-run --json` with the policy's flags says it would
/// keep and forget, newest first.
struct Retention {
  std::vector<RetentionRow> rows;
  int kept = 0;
  int forgotten = 0;
};

/// Reads restic's forget --dry-run JSON (an array of groups); throws
/// nlohmann::json::exception on output of another shape.
Retention ParseRetention(const nlohmann::json& forget);

/// The keep/forget table shown in a plan.
std::string RenderRetention(const Retention& retention);

}  // namespace kilter::reconciler::backup
