#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/mysql_index/index_def.h"
#include "reconciler/providers/mysql_index/live_schema.h"

/// The declared side: mysql.index and mysql.table_indexes resources read from
/// the catalog and checked against the live table they name.
namespace kilter::reconciler::mysql {

inline constexpr char kIndexType[] = "mysql.index";
inline constexpr char kTableType[] = "mysql.table_indexes";

/// A declared index. `def.comment` is the user's comment (no mark).
struct DesiredIndex {
  const catalog::Resource* resource = nullptr;
  std::string database;
  std::string table;
  IndexDef def;
  std::vector<std::string> warnings;  ///< canonicalisation the user should know about
};

/// A table whose indexes kilter owns exclusively.
struct ExclusiveTable {
  const catalog::Resource* resource = nullptr;
  std::string database;
  std::string table;
};

/// The index name a resource asks for: its `name` field, else the resource
/// name with every character MySQL would need quoting for replaced by '_'.
std::string IndexNameOf(const catalog::Resource& resource);

/// Reads a mysql.index resource; its column strings are parsed, not yet
/// checked against the table. Problems are appended to `errors`.
DesiredIndex ParseDesired(const catalog::Resource& resource, std::vector<std::string>& errors);

/// Checks a declared index against the live table and brings it to the form
/// the server would store (a prefix as long as the column is no prefix,
/// DESC dropped where the server ignores it, FULLTEXT has no order).
/// Problems (missing column, prefix on a non-string column, ...) go to `errors`.
void Canonicalise(DesiredIndex& index, const LiveTable& table, const ServerInfo& server,
                  std::vector<std::string>& errors);

/// "db1: mysql.index \"shop.x\" (specs/db.kilt:3:1): " for messages.
std::string Where(const catalog::Resource& resource);

}  // namespace kilter::reconciler::mysql
