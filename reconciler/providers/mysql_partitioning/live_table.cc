#include "reconciler/providers/mysql_partitioning/live_table.h"

#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql_partitioning {

using nlohmann::json;
using mysql::QuoteIdent;
using mysql::QuoteString;

namespace {

constexpr const char* kComplete = "kilter:complete";

/// JSON_ARRAYAGG inside JSON_OBJECT comes back nested or, on some servers,
/// as a string holding the array.
json Array(const json& value) {
  if (value.is_array()) return value;
  if (value.is_string()) {
    json parsed = json::parse(value.get<std::string>(), nullptr, false);
    if (parsed.is_array()) return parsed;
  }
  return json::array();
}

int64_t Int(const json& row, const char* key) {
  const json& v = row.contains(key) ? row.at(key) : json(nullptr);
  if (v.is_number()) return v.get<int64_t>();
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return 0;
}

std::string Text(const json& row, const char* key) {
  const json& v = row.contains(key) ? row.at(key) : json(nullptr);
  return v.is_string() ? v.get<std::string>() : "";
}

/// The WHERE of information_schema rows of one table.
std::string Where(const TableRef& t) {
  return fmt::format("TABLE_SCHEMA = {} AND TABLE_NAME = {}", QuoteString(t.database),
                     QuoteString(t.table));
}

std::string TableSql(const TableRef& t) {
  std::string where = Where(t);
  return fmt::format(
      "SELECT JSON_OBJECT('table', {key},\n"
      " 'exists', (SELECT COUNT(*) FROM information_schema.TABLES WHERE {w}),\n"
      " 'rows', (SELECT IFNULL(TABLE_ROWS, 0) FROM information_schema.TABLES WHERE {w}),\n"
      " 'bytes', (SELECT IFNULL(DATA_LENGTH, 0) + IFNULL(INDEX_LENGTH, 0)"
      " FROM information_schema.TABLES WHERE {w}),\n"
      " 'column_type', (SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE {w}"
      " AND COLUMN_NAME = {col}),\n"
      " 'method', (SELECT PARTITION_METHOD FROM information_schema.PARTITIONS WHERE {w}"
      " AND PARTITION_NAME IS NOT NULL LIMIT 1),\n"
      " 'expression', (SELECT PARTITION_EXPRESSION FROM information_schema.PARTITIONS WHERE {w}"
      " AND PARTITION_NAME IS NOT NULL LIMIT 1),\n"
      " 'partitions', (SELECT JSON_ARRAYAGG(JSON_OBJECT('name', PARTITION_NAME, 'bound',"
      " PARTITION_DESCRIPTION, 'rows', IFNULL(TABLE_ROWS, 0), 'updated',"
      " IFNULL(DATE_FORMAT(UPDATE_TIME, '%Y-%m-%d %H:%i:%s'), ''))"
      " ORDER BY PARTITION_ORDINAL_POSITION)"
      " FROM information_schema.PARTITIONS WHERE {w} AND PARTITION_NAME IS NOT NULL),\n"
      " 'keys', (SELECT JSON_ARRAYAGG(JSON_OBJECT('key', INDEX_NAME, 'column', COLUMN_NAME)"
      " ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX)"
      " FROM information_schema.STATISTICS WHERE {w} AND NON_UNIQUE = 0));\n",
      fmt::arg("key", QuoteString(TableKey(t.database, t.table))), fmt::arg("w", where),
      fmt::arg("col", QuoteString(t.column)));
}

/// MAX(column) of an id window, through a prepared statement so that a
/// missing table or column reads as NULL instead of failing the batch.
std::string MaxSql(const TableRef& t) {
  std::string key = QuoteString(TableKey(t.database, t.table));
  std::string read =
      fmt::format("SELECT JSON_OBJECT('max_of', {}, 'max', MAX({})) FROM {}.{}", key,
                  QuoteIdent(t.column), QuoteIdent(t.database), QuoteIdent(t.table));
  std::string none = fmt::format("SELECT JSON_OBJECT('max_of', {}, 'max', NULL)", key);
  return fmt::format(
      "SET @kilter_read = IF(EXISTS(SELECT 1 FROM information_schema.COLUMNS WHERE {} AND "
      "COLUMN_NAME = {}), {}, {});\n"
      "PREPARE kilter_read FROM @kilter_read;\nEXECUTE kilter_read;\n"
      "DEALLOCATE PREPARE kilter_read;\n",
      Where(t), QuoteString(t.column), QuoteString(read), QuoteString(none));
}

}  // namespace

std::string TableKey(const std::string& database, const std::string& table) {
  return database + "." + table;
}

std::string ReadSql(const std::vector<TableRef>& tables) {
  std::string sql =
      "SET SESSION group_concat_max_len = 67108864;\n"
      "SELECT JSON_OBJECT('clock', 1, 'now', UNIX_TIMESTAMP(),"
      " 'offset', TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW()),"
      " 'uptime', (SELECT CAST(VARIABLE_VALUE AS SIGNED) FROM information_schema.GLOBAL_STATUS"
      " WHERE VARIABLE_NAME = 'UPTIME'));\n";
  for (const TableRef& t : tables) {
    sql += TableSql(t);
    if (t.wants_max) sql += MaxSql(t);
  }
  return sql + fmt::format("SELECT '{}';\n", kComplete);
}

LiveTables ParseReadOutput(const std::string& out) {
  LiveTables live;
  std::istringstream in(out);
  std::string line;
  bool clock = false;
  while (std::getline(in, line)) {
    if (line == kComplete) {
      if (!clock) throw std::runtime_error("the server's clock was not read");
      return live;
    }
    json row = json::parse(line, nullptr, false);
    if (!row.is_object()) throw std::runtime_error("unreadable line: " + line.substr(0, 80));
    if (row.contains("clock")) {
      live.clock = {Int(row, "now"), Int(row, "offset"), Int(row, "uptime")};
      clock = true;
    } else if (row.contains("max_of")) {
      LiveTable& t = live.tables[Text(row, "max_of")];
      if (!row.at("max").is_null()) t.max = Int(row, "max");
    } else {
      LiveTable& t = live.tables[Text(row, "table")];
      t.exists = Int(row, "exists") > 0;
      t.rows = Int(row, "rows");
      t.bytes = Int(row, "bytes");
      t.column_type = Text(row, "column_type");
      t.method = Text(row, "method");
      t.expression = Text(row, "expression");
      for (const json& p : Array(row.value("partitions", json()))) {
        t.partitions.push_back(
            {Text(p, "name"), Text(p, "bound"), Int(p, "rows"), Text(p, "updated")});
      }
      for (const json& k : Array(row.value("keys", json()))) {
        std::string name = Text(k, "key");
        if (t.keys.empty() || t.keys.back().name != name) t.keys.push_back({name, {}});
        t.keys.back().columns.push_back(Text(k, "column"));
      }
    }
  }
  throw std::runtime_error("the output ends before the last line (the client stopped early)");
}

json ToJson(const LiveTable& t) {
  json parts = json::array();
  for (const LivePartition& p : t.partitions) {
    parts.push_back({{"name", p.name}, {"bound", p.bound}, {"rows", p.rows}, {"updated", p.updated}});
  }
  json keys = json::array();
  for (const UniqueKey& k : t.keys) keys.push_back({{"name", k.name}, {"columns", k.columns}});
  json j = {{"exists", t.exists},         {"column_type", t.column_type},
            {"method", t.method},         {"expression", t.expression},
            {"rows", t.rows},             {"bytes", t.bytes},
            {"partitions", parts},        {"keys", keys}};
  if (t.max) j["max"] = *t.max;
  return j;
}

LiveTable LiveTableFromJson(const json& j) {
  LiveTable t;
  t.exists = j.value("exists", false);
  t.column_type = j.value("column_type", "");
  t.method = j.value("method", "");
  t.expression = j.value("expression", "");
  t.rows = j.value("rows", int64_t{0});
  t.bytes = j.value("bytes", int64_t{0});
  for (const json& p : j.value("partitions", json::array())) {
    t.partitions.push_back({p.value("name", ""), p.value("bound", ""),
                            p.value("rows", int64_t{0}), p.value("updated", "")});
  }
  for (const json& k : j.value("keys", json::array())) {
    t.keys.push_back({k.value("name", ""), k.value("columns", std::vector<std::string>{})});
  }
  if (j.contains("max")) t.max = j.at("max").get<int64_t>();
  return t;
}

}  // namespace kilter::reconciler::mysql_partitioning
