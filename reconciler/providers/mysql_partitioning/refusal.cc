#include "reconciler/providers/mysql_partitioning/refusal.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_partitioning {

using mysql::QuoteIdent;

namespace {

bool SameColumn(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

bool Includes(const UniqueKey& key, const std::string& column) {
  return std::any_of(key.columns.begin(), key.columns.end(),
                     [&](const std::string& c) { return SameColumn(c, column); });
}

std::string Describe(const UniqueKey& key) {
  return fmt::format("{} ({})", key.name == "PRIMARY" ? "PRIMARY KEY" : "UNIQUE KEY " + key.name,
                     fmt::join(key.columns, ", "));
}

/// The key again with `column` at its end.
std::string AddColumn(const UniqueKey& key, const std::string& column) {
  std::vector<std::string> cols;
  for (const std::string& c : key.columns) cols.push_back(QuoteIdent(c));
  cols.push_back(QuoteIdent(column));
  if (key.name == "PRIMARY") {
    return fmt::format("DROP PRIMARY KEY, ADD PRIMARY KEY ({})", fmt::join(cols, ", "));
  }
  return fmt::format("DROP INDEX {0}, ADD UNIQUE KEY {0} ({1})", QuoteIdent(key.name),
                     fmt::join(cols, ", "));
}

}  // namespace

std::optional<std::string> KeyRefusal(const std::string& database, const std::string& table,
                                      const std::string& column, const LiveTable& live) {
  std::vector<const UniqueKey*> breaking;
  for (const UniqueKey& k : live.keys) {
    if (!Includes(k, column)) breaking.push_back(&k);
  }
  if (breaking.empty()) return std::nullopt;
  std::vector<std::string> named, fixes;
  for (const UniqueKey* k : breaking) {
    named.push_back(Describe(*k));
    fixes.push_back(AddColumn(*k, column));
  }
  // The columns every unique key has: partitioning by one of them is allowed.
  std::vector<std::string> common = live.keys.front().columns;
  std::erase_if(common, [&](const std::string& c) {
    return !std::all_of(live.keys.begin(), live.keys.end(),
                        [&](const UniqueKey& k) { return Includes(k, c); });
  });
  std::string other =
      common.empty()
          ? "no column is in every one of them here, so this needs the first way"
          : fmt::format("here {}; with interval = \"id\" for an integer column",
                        fmt::join(common, ", "));
  return fmt::format(
      "{}.{} cannot be partitioned by {}: MariaDB requires every PRIMARY KEY and UNIQUE key of a "
      "partitioned table to include all columns of the partitioning function (error 1503), and "
      "{} {} not include {}. Nothing was changed. Two ways out:\n"
      "  1. add {} to the key: ALTER TABLE {}.{} {}; the key then allows the same {} twice "
      "with different {} values, so check that nothing relies on it alone being unique;\n"
      "  2. partition by a column that every PRIMARY KEY and UNIQUE key includes ({}).",
      database, table, column, fmt::join(named, " and "), breaking.size() == 1 ? "does" : "do",
      column, column, QuoteIdent(database), QuoteIdent(table), fmt::join(fixes, ", "),
      fmt::join(breaking.front()->columns, ", "), column, other);
}

std::optional<std::string> TypeRefusal(const std::string& column, const std::string& type,
                                       bool id_interval) {
  static const std::set<std::string> kInts = {"tinyint", "smallint", "mediumint", "int",
                                              "bigint"};
  static const std::set<std::string> kDates = {"date", "datetime"};
  if (id_interval) {
    if (kInts.count(type)) return std::nullopt;
    return fmt::format("{} is a {} column: interval = \"id\" partitions an integer column",
                       column, type);
  }
  if (kDates.count(type)) return std::nullopt;
  if (type == "timestamp") {
    return fmt::format(
        "{} is a timestamp column: MariaDB partitions a TIMESTAMP only by UNIX_TIMESTAMP(), "
        "which kilter does not manage; a monthly, weekly or daily window needs a DATE or "
        "DATETIME column",
        column);
  }
  return fmt::format(
      "{} is a {} column: a monthly, weekly or daily window needs a DATE or DATETIME column "
      "(interval = \"id\" for an integer column)",
      column, type);
}

}  // namespace kilter::reconciler::mysql_partitioning
