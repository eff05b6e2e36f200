#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// Which tables a run works on and what it does to each. Pure: the
/// statistics come from information_schema.TABLES, read by the run.
namespace kilter::reconciler::mysql_maintenance {

/// One base table's space, as information_schema.TABLES reports it.
struct TableStats {
  std::string table;
  int64_t data_free = 0;  ///< DATA_FREE: allocated but unused bytes
  int64_t used = 0;       ///< DATA_LENGTH + INDEX_LENGTH
};

/// The `SELECT` whose output ParseStats reads: every base table of `database`.
std::string StatsQuery(const std::string& database);

/// The rows of StatsQuery's output (tab-separated, no column names).
std::vector<TableStats> ParseStats(const std::string& out);

/// What a run does to one table, in order.
struct TablePlan {
  std::string table;
  bool optimize = false;     ///< also OPTIMIZE TABLE (after ANALYZE)
  double free_percent = 0;   ///< DATA_FREE against DATA_LENGTH + INDEX_LENGTH; 0 when unknown
};

/// The tables a run works on: `listed` in their order (a listed table the
/// statistics lack is still analyzed, so its error is recorded), or, when
/// none are listed, every table of `stats` by name. A table is optimized
/// when its free space is over `free_over` percent of its data and indexes
/// (and it has free space at all).
std::vector<TablePlan> ChooseTables(const std::vector<std::string>& listed,
                                    const std::vector<TableStats>& stats, int free_over);

}  // namespace kilter::reconciler::mysql_maintenance
