#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// The result a run records on the host (Job::RecordPath), one JSON document
/// per resource, replaced by each run: when it started and ended, and what it
/// did to each table with what result.
namespace kilter::reconciler::mysql_maintenance {

/// One statement of a run on one table.
struct TableStep {
  std::string table;
  std::string action;    ///< "analyze" or "optimize"
  double seconds = 0;
  std::string result;    ///< "ok", "failed", or "skipped" (the window ended first)
  std::string error;     ///< the server's words when failed; why when skipped
};

struct Record {
  std::string database;
  std::string start;     ///< RFC 3339 UTC
  std::string end;
  bool forced = false;   ///< started outside the window by --force
  std::string error;     ///< what stopped the whole run (the server unreachable), or ""
  std::vector<TableStep> steps;

  /// True when nothing failed and no table was skipped.
  bool Ok() const;
  nlohmann::json ToJson() const;
  /// The record in `text`, or nullopt when it is not one.
  static std::optional<Record> Parse(const std::string& text);
};

/// What a run did, for people: one line per step (table, action, duration,
/// result and the server's words), then a summary line.
std::vector<std::string> Describe(const Record& record);

}  // namespace kilter::reconciler::mysql_maintenance
