#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/mysql_index/index_def.h"

/// What one query tells about the declared databases of a server: version,
/// tables with engine and row estimate, columns of declared tables, every
/// index with its comment, and foreign keys.
namespace kilter::reconciler::mysql {

struct LiveColumn {
  std::string name;
  std::string data_type;  ///< lower case: "varchar", "int", "text", ...
  long long char_length = 0;  ///< CHARACTER_MAXIMUM_LENGTH; 0 for non-string types
};

/// A live index with its comment already split into the user's part and the
/// owner named by kilter's mark.
struct LiveIndex {
  IndexDef def;
  std::string owner;  ///< resource name from the mark; empty: not kilter's
  bool foreign_key = false;  ///< named like a foreign key of the table (its implicit index)
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
};

struct LiveTable {
  std::string database;
  std::string table;
  std::string engine;  ///< as the server names it: "InnoDB", "MyISAM", ...
  long long rows = 0;  ///< TABLE_ROWS: exact for MyISAM, an estimate for InnoDB
  std::vector<LiveColumn> columns;  ///< only for tables with declared resources
  std::vector<LiveIndex> indexes;   ///< PRIMARY included; kilter never touches it
  std::vector<ForeignKey> foreign_keys;

  const LiveColumn* FindColumn(const std::string& name) const;
  const LiveIndex* FindIndex(const std::string& name) const;
};

/// What the server can do, from its version string.
struct ServerInfo {
  std::string version;
  bool mariadb = false;
  bool descending_indexes = false;  ///< MariaDB 10.8+, MySQL 8.0+
  bool ignorable_indexes = false;   ///< MariaDB IGNORED (10.6+), MySQL INVISIBLE (8.0+)
};
ServerInfo ParseServerVersion(const std::string& version);

struct LiveSchema {
  ServerInfo server;
  std::set<std::string> databases;  ///< the scanned databases that exist
  std::map<std::string, LiveTable> tables;  ///< key "db.table"

  const LiveTable* FindTable(const std::string& database, const std::string& table) const;
};

/// A database and table kilter has declared resources on.
struct TableRef {
  std::string database;
  std::string table;
  bool operator<(const TableRef& o) const {
    return std::tie(database, table) < std::tie(o.database, o.table);
  }
};

/// The one read statement batch: it picks the IGNORED/INVISIBLE column the
/// server has and returns one JSON object per line (so tabs, newlines and
/// NULLs in comments survive the client's batch output intact).
std::string ReadSql(const std::set<std::string>& databases, const std::set<TableRef>& tables);

/// Parses the client's output of ReadSql. Throws std::runtime_error on a
/// line that is not one of its records.
LiveSchema ParseReadOutput(const std::string& out);

nlohmann::json ToJson(const LiveSchema& schema);
LiveSchema LiveSchemaFromJson(const nlohmann::json& json);

}  // namespace kilter::reconciler::mysql
