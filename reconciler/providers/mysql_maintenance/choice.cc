#include "reconciler/providers/mysql_maintenance/choice.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_maintenance {

std::string StatsQuery(const std::string& database) {
  return fmt::format(
      "SELECT TABLE_NAME, IFNULL(DATA_FREE, 0), IFNULL(DATA_LENGTH, 0) + IFNULL(INDEX_LENGTH, 0) "
      "FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} AND TABLE_TYPE = 'BASE TABLE' "
      "ORDER BY TABLE_NAME;\n",
      mysql::QuoteString(database));
}

std::vector<TableStats> ParseStats(const std::string& out) {
  std::vector<TableStats> stats;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    TableStats t;
    std::string free, used;
    if (!std::getline(row, t.table, '\t') || !std::getline(row, free, '\t') ||
        !std::getline(row, used, '\t')) {
      continue;
    }
    try {
      t.data_free = std::stoll(free);
      t.used = std::stoll(used);
    } catch (const std::exception&) {
      continue;
    }
    stats.push_back(t);
  }
  return stats;
}

std::vector<TablePlan> ChooseTables(const std::vector<std::string>& listed,
                                    const std::vector<TableStats>& stats, int free_over) {
  std::vector<std::string> names = listed;
  if (names.empty()) {
    for (const TableStats& t : stats) names.push_back(t.table);
    std::sort(names.begin(), names.end());
  }
  std::vector<TablePlan> plans;
  for (const std::string& name : names) {
    TablePlan plan{name, false, 0};
    auto it = std::find_if(stats.begin(), stats.end(),
                           [&](const TableStats& t) { return t.table == name; });
    if (it != stats.end() && it->data_free > 0) {
      // An empty table with free space left over is all free space.
      plan.free_percent = it->used > 0 ? 100.0 * static_cast<double>(it->data_free) /
                                             static_cast<double>(it->used)
                                       : 100.0;
      plan.optimize = plan.free_percent > free_over;
    }
    plans.push_back(plan);
  }
  return plans;
}

}  // namespace kilter::reconciler::mysql_maintenance
