#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// What the server says about the tables mysql.partitioning declares: their
/// partitions, unique keys and size (information_schema), the server's clock,
/// all in one client run per host.
namespace kilter::reconciler::mysql_partitioning {

/// A declared table: where it is and which column partitions it.
struct TableRef {
  std::string database;
  std::string table;
  std::string column;
  bool wants_max = false;  ///< an id window: read MAX(column) too
  auto operator<=>(const TableRef&) const = default;
};

struct LivePartition {
  std::string name;
  std::string bound;     ///< PARTITION_DESCRIPTION: '2027-01-01', 2000000 or MAXVALUE
  int64_t rows = 0;      ///< the server's estimate (TABLE_ROWS)
  std::string updated;   ///< UPDATE_TIME in the server's zone; empty when the server does not know
};

struct UniqueKey {
  std::string name;  ///< PRIMARY or the index name
  std::vector<std::string> columns;
};

struct LiveTable {
  bool exists = false;
  std::string column_type;  ///< DATA_TYPE of the partition column; empty: no such column
  std::string method;       ///< PARTITION_METHOD ("RANGE COLUMNS"); empty: not partitioned
  std::string expression;   ///< PARTITION_EXPRESSION ("`date_added`")
  int64_t rows = 0;         ///< the server's estimate (TABLE_ROWS)
  int64_t bytes = 0;        ///< DATA_LENGTH + INDEX_LENGTH
  std::vector<LivePartition> partitions;  ///< in order
  std::vector<UniqueKey> keys;
  std::optional<int64_t> max;  ///< MAX(column) of an id window; nullopt: empty or not read
};

/// The server's clock: UNIX_TIMESTAMP(), its zone's offset from UTC and its uptime.
struct ServerClock {
  int64_t now = 0;
  int64_t offset = 0;  ///< seconds east of UTC of the session time zone
  int64_t uptime = 0;  ///< seconds since the server started
};

/// The SQL that reads `tables` and the clock, one JSON line each, then a
/// last line proving the client got to the end.
std::string ReadSql(const std::vector<TableRef>& tables);

struct LiveTables {
  ServerClock clock;
  std::map<std::string, LiveTable> tables;  ///< by "database.table"
};

/// ReadSql's output; throws std::runtime_error when it is not.
LiveTables ParseReadOutput(const std::string& out);

/// "database.table", the key of LiveTables::tables.
std::string TableKey(const std::string& database, const std::string& table);

nlohmann::json ToJson(const LiveTable& table);
LiveTable LiveTableFromJson(const nlohmann::json& json);

}  // namespace kilter::reconciler::mysql_partitioning
