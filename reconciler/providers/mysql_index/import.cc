#include "reconciler/providers/mysql_index/import.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/mysql_index/desired.h"
#include "reconciler/providers/mysql_index/host_read.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Key(const std::string& db, const std::string& table, const std::string& index) {
  return Lower(db + "." + table + "." + index);
}

/// The resource of one live index.
kit::SpecResource ResourceOf(const std::string& host, const LiveTable& t, const LiveIndex& i,
                             bool several_databases) {
  std::string name = i.owner;
  if (name.empty()) {
    name = (several_databases ? t.database + "." : "") + t.table + "." + i.def.name;
  }
  std::vector<kit::SpecValue> columns;
  for (const KeyPart& p : i.def.parts) columns.push_back(kit::SpecValue::String(FormatKeyPart(p)));
  kit::SpecResource r{"mysql.index", name, host,
                      {{"database", kit::SpecValue::String(t.database), ""},
                       {"table", kit::SpecValue::String(t.table), ""},
                       {"name", kit::SpecValue::String(i.def.name), ""},
                       {"columns", kit::SpecValue::List(columns), ""}},
                      i.owner.empty() ? "" : "created by kilter for " + i.owner};
  if (i.def.unique) r.fields.push_back({"unique", kit::SpecValue::Bool(true), ""});
  if (i.def.type != "BTREE") r.fields.push_back({"type", kit::SpecValue::String(i.def.type), ""});
  if (!i.def.comment.empty()) {
    r.fields.push_back({"comment", kit::SpecValue::String(i.def.comment), ""});
  }
  if (i.def.ignored) r.fields.push_back({"ignored", kit::SpecValue::Bool(true), ""});
  if (i.foreign_key) {
    r.fields.front().comment = "the index a foreign key of " + t.table + " needs";
  }
  return r;
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"database", "a database (required)"},
          {"table", "a table (default: every table of the databases)"}};
}

kit::SpecFile ImportedIndexes(const std::string& host, const LiveSchema& schema,
                              const ImportRequest& request,
                              const std::vector<std::string>& declared) {
  kit::SpecFile out;
  bool several = request.Values("database").size() > 1;
  for (const std::string& db : request.Values("database")) {
    if (!schema.databases.count(db)) out.notes += "not imported: no database " + db + "\n";
  }
  for (const auto& [key, t] : schema.tables) {
    if (!request.Admits("database", t.database) || !request.Admits("table", t.table)) continue;
    for (const LiveIndex& i : t.indexes) {
      if (SameName(i.def.name, "PRIMARY")) continue;
      if (std::find(declared.begin(), declared.end(), Key(t.database, t.table, i.def.name)) !=
          declared.end()) {
        continue;
      }
      if (i.def.type != "BTREE" && i.def.type != "FULLTEXT" && i.def.type != "SPATIAL") {
        out.notes += fmt::format("not imported: {}.{} index {}: a {} index, which mysql.index "
                                 "cannot declare\n",
                                 t.database, t.table, i.def.name, i.def.type);
        continue;
      }
      out.resources.push_back(ResourceOf(host, t, i, several));
    }
  }
  for (const std::string& table : request.Values("table")) {
    bool found = std::any_of(schema.tables.begin(), schema.tables.end(),
                             [&](const auto& t) { return SameName(t.second.table, table); });
    if (!found) out.notes += "not imported: no table " + table + " in the databases read\n";
  }
  return out;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  const std::vector<std::string>& databases = request.Values("database");
  if (databases.empty()) {
    throw std::invalid_argument("kilter import --type mysql.index needs --database");
  }
  Settings settings = TypedSettings<Settings>(context.settings, kIndexType);
  std::vector<std::string> declared;
  for (const catalog::Resource* r : context.desired) {
    if (r->type != kIndexType) continue;
    declared.push_back(Key(r->fields.value("database", ""), r->fields.value("table", ""),
                           IndexNameOf(*r)));
  }
  LiveSchema schema = ReadLiveSchema(transport, context.host.name, settings,
                                     {databases.begin(), databases.end()}, {});
  return ImportedIndexes(context.host.name, schema, request, declared);
}

}  // namespace kilter::reconciler::mysql
