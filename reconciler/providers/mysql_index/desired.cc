#include "reconciler/providers/mysql_index/desired.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace kilter::reconciler::mysql {

namespace {

bool IsString(const std::string& type) {
  static const char* const kTypes[] = {"char",     "varchar", "binary",     "varbinary",
                                       "tinytext", "text",    "mediumtext", "longtext",
                                       "tinyblob", "blob",    "mediumblob", "longblob"};
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

bool IsLob(const std::string& type) { return type.find("text") != std::string::npos ||
                                              type.find("blob") != std::string::npos; }

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

std::string Where(const catalog::Resource& resource) {
  std::string where = fmt::format("{}: {} \"{}\"", resource.host, resource.type, resource.name);
  if (!resource.source.file.empty()) {
    where += fmt::format(" ({}:{}:{})", resource.source.file, resource.source.line,
                         resource.source.col);
  }
  return where;
}

std::string IndexNameOf(const catalog::Resource& resource) {
  std::string name = resource.fields.value("name", "");
  if (!name.empty()) return name;
  name = resource.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  }
  return name.substr(0, 64);
}

DesiredIndex ParseDesired(const catalog::Resource& resource, std::vector<std::string>& errors) {
  DesiredIndex index;
  index.resource = &resource;
  const nlohmann::json& f = resource.fields;
  index.database = f.value("database", "");
  index.table = f.value("table", "");
  index.def.name = IndexNameOf(resource);
  index.def.unique = f.value("unique", false);
  index.def.type = Upper(f.value("type", "BTREE"));
  index.def.comment = f.value("comment", "");
  index.def.ignored = f.value("ignored", false);
  std::string where = Where(resource);
  if (index.database.empty() || index.table.empty()) {
    errors.push_back(where + ": `database` and `table` are required");
  }
  if (SameName(index.def.name, "PRIMARY")) {
    errors.push_back(where + ": kilter does not manage PRIMARY keys; choose another index name");
  }
  if (index.def.name.size() > 64) {
    errors.push_back(fmt::format("{}: index name `{}` is longer than 64 characters", where,
                                 index.def.name));
  }
  const nlohmann::json columns = f.value("columns", nlohmann::json::array());
  if (!columns.is_array() || columns.empty()) {
    errors.push_back(where + ": `columns` must list at least one column");
  } else {
    for (const auto& c : columns) {
      std::string text = c.is_string() ? c.get<std::string>() : c.dump();
      std::string error;
      if (auto part = ParseKeyPart(text, error)) {
        index.def.parts.push_back(*part);
      } else {
        errors.push_back(fmt::format("{}: column \"{}\": {}", where, text, error));
      }
    }
  }
  if (index.def.type == "FULLTEXT" || index.def.type == "SPATIAL") {
    if (index.def.unique) {
      errors.push_back(fmt::format("{}: a {} index cannot be unique", where, index.def.type));
    }
  } else if (index.def.type != "BTREE") {
    errors.push_back(fmt::format("{}: type must be BTREE, FULLTEXT or SPATIAL, not {}", where,
                                 index.def.type));
  }
  return index;
}

void Canonicalise(DesiredIndex& index, const LiveTable& table, const ServerInfo& server,
                  std::vector<std::string>& errors) {
  std::string where = Where(*index.resource);
  std::string qualified = fmt::format("{}.{}", table.database, table.table);
  bool keyed_by_order = index.def.type == "BTREE";
  for (KeyPart& part : index.def.parts) {
    const LiveColumn* column = table.FindColumn(part.column);
    if (!column) {
      errors.push_back(fmt::format("{}: column `{}` does not exist in table {} on host {}",
                                   where, part.column, qualified, index.resource->host));
      continue;
    }
    part.column = column->name;  // the server's spelling, so names never differ by case
    if (part.prefix > 0 && !IsString(column->data_type)) {
      errors.push_back(fmt::format(
          "{}: prefix length {} on column `{}` of {}, which is {}: only string columns take a "
          "prefix",
          where, part.prefix, column->name, qualified, column->data_type));
      continue;
    }
    if (!keyed_by_order && part.prefix > 0) {
      errors.push_back(fmt::format("{}: a {} index takes no prefix length (column `{}`)", where,
                                   index.def.type, column->name));
    }
    if (part.prefix > 0 && !IsLob(column->data_type) && column->char_length > 0 &&
        part.prefix >= column->char_length) {
      part.prefix = 0;  // the server stores a full-length prefix as the whole column
    }
    if (keyed_by_order && part.prefix == 0 && IsLob(column->data_type)) {
      errors.push_back(fmt::format(
          "{}: column `{}` of {} is {}: a BTREE index needs a prefix length, as in {}(32)", where,
          column->name, qualified, column->data_type, column->name));
    }
    if (!keyed_by_order) {
      part.desc = false;  // FULLTEXT and SPATIAL keys have no order
    } else if (part.desc && !server.descending_indexes) {
      part.desc = false;
      index.warnings.push_back(fmt::format(
          "server {} ignores DESC in index definitions: `{}` is built ascending",
          server.version, column->name));
    }
  }
  if (index.def.ignored && !server.ignorable_indexes) {
    errors.push_back(fmt::format(
        "{}: ignored = true needs MariaDB 10.6+ (IGNORED) or MySQL 8.0+ (INVISIBLE); the server "
        "is {}",
        where, server.version));
  }
}

}  // namespace kilter::reconciler::mysql
