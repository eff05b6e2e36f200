#include "reconciler/providers/mysql_index/live_schema.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler::mysql {

namespace {

std::string InList(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ",";
    out += QuoteString(n);
  }
  return out;
}

std::string Key(const std::string& db, const std::string& table) { return db + "." + table; }

// A JSON field that may be null (SUB_PART, CHARACTER_MAXIMUM_LENGTH, ...).
long long NumberOr(const nlohmann::json& row, const char* key, long long fallback) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return fallback;
  if (it->is_string()) return std::stoll(it->get<std::string>());
  return it->get<long long>();
}

std::string StringOr(const nlohmann::json& row, const char* key) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// Numbers out of "10.11.19-MariaDB-0+deb12u1" or "8.0.36".
std::vector<int> VersionNumbers(const std::string& version) {
  std::vector<int> out;
  std::istringstream in(version);
  std::string piece;
  while (out.size() < 3 && std::getline(in, piece, '.')) {
    size_t digits = 0;
    while (digits < piece.size() && std::isdigit(static_cast<unsigned char>(piece[digits]))) {
      ++digits;
    }
    if (digits == 0) break;
    out.push_back(std::stoi(piece.substr(0, digits)));
  }
  while (out.size() < 3) out.push_back(0);
  return out;
}

}  // namespace

const LiveColumn* LiveTable::FindColumn(const std::string& name) const {
  for (const LiveColumn& c : columns) {
    if (SameName(c.name, name)) return &c;
  }
  return nullptr;
}

const LiveIndex* LiveTable::FindIndex(const std::string& name) const {
  for (const LiveIndex& i : indexes) {
    if (SameName(i.def.name, name)) return &i;
  }
  return nullptr;
}

const LiveTable* LiveSchema::FindTable(const std::string& database,
                                       const std::string& table) const {
  auto it = tables.find(Key(database, table));
  return it == tables.end() ? nullptr : &it->second;
}

ServerInfo ParseServerVersion(const std::string& version) {
  ServerInfo info;
  info.version = version;
  info.mariadb = version.find("MariaDB") != std::string::npos;
  std::vector<int> v = VersionNumbers(version);
  auto at_least = [&](int major, int minor) {
    return v[0] > major || (v[0] == major && v[1] >= minor);
  };
  info.descending_indexes = info.mariadb ? at_least(10, 8) : at_least(8, 0);
  info.ignorable_indexes = info.mariadb ? at_least(10, 6) : at_least(8, 0);
  return info;
}

std::string ReadSql(const std::set<std::string>& databases, const std::set<TableRef>& tables) {
  // IN (NULL) matches nothing: a host whose last resource left the specs
  // still gets its marked indexes read.
  std::string dbs = databases.empty() ? "NULL" : InList(databases);
  // Indexes carrying kilter's mark are found in every user database, so one
  // whose resource left the specs is dropped wherever it is.
  std::string marked =
      "INDEX_COMMENT LIKE '%kilter:%' AND TABLE_SCHEMA NOT IN "
      "('mysql','information_schema','performance_schema','sys')";
  std::string query = fmt::format(
      "SELECT JSON_OBJECT('k','server','version',VERSION())"
      " UNION ALL SELECT JSON_OBJECT('k','db','db',SCHEMA_NAME)"
      " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ({0})"
      " UNION ALL SELECT JSON_OBJECT('k','table','db',TABLE_SCHEMA,'table',TABLE_NAME,"
      "'engine',ENGINE,'rows',TABLE_ROWS)"
      " FROM information_schema.TABLES WHERE TABLE_TYPE='BASE TABLE' AND (TABLE_SCHEMA IN ({0})"
      " OR (TABLE_SCHEMA,TABLE_NAME) IN (SELECT TABLE_SCHEMA,TABLE_NAME"
      " FROM information_schema.STATISTICS WHERE {1}))"
      " UNION ALL SELECT JSON_OBJECT('k','index','db',TABLE_SCHEMA,'table',TABLE_NAME,"
      "'index',INDEX_NAME,'seq',SEQ_IN_INDEX,'column',COLUMN_NAME,'sub',SUB_PART,"
      "'coll',COLLATION,'non_unique',NON_UNIQUE,'type',INDEX_TYPE,'comment',INDEX_COMMENT,"
      "'ignored',{{ignored}})"
      " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN ({0}) OR ({1})"
      " UNION ALL SELECT JSON_OBJECT('k','fk','db',TABLE_SCHEMA,'table',TABLE_NAME,"
      "'name',CONSTRAINT_NAME,'column',COLUMN_NAME,'seq',ORDINAL_POSITION)"
      " FROM information_schema.KEY_COLUMN_USAGE"
      " WHERE TABLE_SCHEMA IN ({0}) AND REFERENCED_TABLE_NAME IS NOT NULL",
      dbs, marked);
  if (!tables.empty()) {
    std::string pairs;
    for (const TableRef& t : tables) {
      if (!pairs.empty()) pairs += ",";
      pairs += fmt::format("({},{})", QuoteString(t.database), QuoteString(t.table));
    }
    query += fmt::format(
        " UNION ALL SELECT JSON_OBJECT('k','column','db',TABLE_SCHEMA,'table',TABLE_NAME,"
        "'column',COLUMN_NAME,'type',DATA_TYPE,'len',CHARACTER_MAXIMUM_LENGTH)"
        " FROM information_schema.COLUMNS WHERE (TABLE_SCHEMA,TABLE_NAME) IN ({})",
        pairs);
  }
  // The STATISTICS column that says an index is hidden differs by server
  // (MariaDB IGNORED, MySQL IS_VISIBLE, neither before 10.6/8.0), so the
  // statement is prepared after asking which one exists: still one round trip.
  return fmt::format(
      "SET @kilter_ignored = (SELECT CASE"
      " WHEN SUM(COLUMN_NAME='IGNORED') > 0 THEN 'IGNORED'"
      " WHEN SUM(COLUMN_NAME='IS_VISIBLE') > 0 THEN 'IF(IS_VISIBLE=''NO'',''YES'',''NO'')'"
      " ELSE '''NO''' END FROM information_schema.COLUMNS"
      " WHERE TABLE_SCHEMA='information_schema' AND TABLE_NAME='STATISTICS');\n"
      "SET @kilter_read = REPLACE({}, '{{ignored}}', @kilter_ignored);\n"
      "PREPARE kilter_read FROM @kilter_read;\n"
      "EXECUTE kilter_read;\n"
      "DEALLOCATE PREPARE kilter_read;\n",
      QuoteString(query));
}

LiveSchema ParseReadOutput(const std::string& out) {
  LiveSchema schema;
  struct Part {
    long long seq;
    KeyPart part;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Part>> parts;  // (table, index)
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<long long, std::string>>>
      fk_columns;  // (table, constraint)
  std::istringstream in(out);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object() || !row.contains("k")) {
      throw std::runtime_error(
          fmt::format("unexpected line {} in the client's output: {}", number,
                      line.substr(0, 200)));
    }
    std::string kind = row["k"].get<std::string>();
    if (kind == "server") {
      schema.server = ParseServerVersion(StringOr(row, "version"));
      continue;
    }
    if (kind == "db") {
      schema.databases.insert(StringOr(row, "db"));
      continue;
    }
    std::string db = StringOr(row, "db");
    std::string table = StringOr(row, "table");
    LiveTable& t = schema.tables[Key(db, table)];
    t.database = db;
    t.table = table;
    if (kind == "table") {
      t.engine = StringOr(row, "engine");
      t.rows = NumberOr(row, "rows", 0);
    } else if (kind == "column") {
      std::string type = StringOr(row, "type");
      std::transform(type.begin(), type.end(), type.begin(), ::tolower);
      t.columns.push_back({StringOr(row, "column"), type, NumberOr(row, "len", 0)});
    } else if (kind == "index") {
      std::string name = StringOr(row, "index");
      auto found = std::find_if(t.indexes.begin(), t.indexes.end(),
                                [&](const LiveIndex& i) { return i.def.name == name; });
      if (found == t.indexes.end()) {
        LiveIndex fresh;
        fresh.def.name = name;
        fresh.def.unique = NumberOr(row, "non_unique", 1) == 0;
        fresh.def.type = StringOr(row, "type");
        ParsedComment comment = ParseComment(StringOr(row, "comment"));
        fresh.def.comment = comment.user;
        fresh.owner = comment.owner;
        fresh.def.ignored = StringOr(row, "ignored") == "YES";
        t.indexes.push_back(fresh);
      }
      KeyPart part;
      part.column = StringOr(row, "column");
      part.prefix = static_cast<int>(NumberOr(row, "sub", 0));
      part.desc = StringOr(row, "coll") == "D";
      parts[{Key(db, table), name}].push_back({NumberOr(row, "seq", 0), part});
    } else if (kind == "fk") {
      fk_columns[{Key(db, table), StringOr(row, "name")}].push_back(
          {NumberOr(row, "seq", 0), StringOr(row, "column")});
    } else {
      throw std::runtime_error(fmt::format("unexpected record kind '{}' on line {}", kind, number));
    }
  }
  for (auto& [key, list] : parts) {
    std::sort(list.begin(), list.end(), [](const Part& a, const Part& b) { return a.seq < b.seq; });
    LiveTable& t = schema.tables[key.first];
    for (LiveIndex& index : t.indexes) {
      if (index.def.name != key.second) continue;
      for (const Part& p : list) index.def.parts.push_back(p.part);
    }
  }
  for (auto& [key, list] : fk_columns) {
    std::sort(list.begin(), list.end());
    ForeignKey fk{key.second, {}};
    for (const auto& [seq, column] : list) fk.columns.push_back(column);
    LiveTable& t = schema.tables[key.first];
    t.foreign_keys.push_back(fk);
    for (LiveIndex& index : t.indexes) {
      if (SameName(index.def.name, fk.name)) index.foreign_key = true;
    }
  }
  return schema;
}

nlohmann::json ToJson(const LiveSchema& schema) {
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& [key, t] : schema.tables) {
    nlohmann::json columns = nlohmann::json::array();
    for (const LiveColumn& c : t.columns) {
      columns.push_back({{"name", c.name}, {"type", c.data_type}, {"length", c.char_length}});
    }
    nlohmann::json indexes = nlohmann::json::array();
    for (const LiveIndex& i : t.indexes) {
      nlohmann::json j = ToJson(i.def);
      j["owner"] = i.owner;
      j["foreign_key"] = i.foreign_key;
      indexes.push_back(j);
    }
    nlohmann::json fks = nlohmann::json::array();
    for (const ForeignKey& fk : t.foreign_keys) {
      fks.push_back({{"name", fk.name}, {"columns", fk.columns}});
    }
    tables[key] = {{"database", t.database}, {"table", t.table},   {"engine", t.engine},
                   {"rows", t.rows},         {"columns", columns}, {"indexes", indexes},
                   {"foreign_keys", fks}};
  }
  return {{"server", schema.server.version},
          {"databases", schema.databases},
          {"tables", tables}};
}

LiveSchema LiveSchemaFromJson(const nlohmann::json& json) {
  LiveSchema schema;
  schema.server = ParseServerVersion(json.value("server", ""));
  for (const auto& db : json.value("databases", nlohmann::json::array())) {
    schema.databases.insert(db.get<std::string>());
  }
  const nlohmann::json tables = json.value("tables", nlohmann::json::object());
  for (const auto& [key, tj] : tables.items()) {
    LiveTable t;
    t.database = tj.value("database", "");
    t.table = tj.value("table", "");
    t.engine = tj.value("engine", "");
    t.rows = tj.value("rows", 0LL);
    for (const auto& c : tj.value("columns", nlohmann::json::array())) {
      t.columns.push_back({c.value("name", ""), c.value("type", ""), c.value("length", 0LL)});
    }
    for (const auto& ij : tj.value("indexes", nlohmann::json::array())) {
      LiveIndex i;
      i.def = IndexDefFromJson(ij);
      i.owner = ij.value("owner", "");
      i.foreign_key = ij.value("foreign_key", false);
      t.indexes.push_back(i);
    }
    for (const auto& fj : tj.value("foreign_keys", nlohmann::json::array())) {
      t.foreign_keys.push_back(
          {fj.value("name", ""), fj.value("columns", std::vector<std::string>{})});
    }
    schema.tables[key] = t;
  }
  return schema;
}

}  // namespace kilter::reconciler::mysql
