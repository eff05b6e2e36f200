#include "reconciler/providers/mysql_index/mysql_index_provider.h"

#include <random>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/mysql_index/alter.h"
#include "reconciler/providers/mysql_index/settings.h"
#include "reconciler/providers/mysql_index/desired.h"
#include "reconciler/providers/mysql_index/diff.h"
#include "reconciler/providers/mysql_index/host_read.h"
#include "reconciler/providers/mysql_index/import.h"
#include "reconciler/providers/mysql_index/live_schema.h"
#include "reconciler/providers/mysql_index/scratch.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler {

namespace {

using mysql::Settings;

/// Every database the host's resources name, plus the extra ones of the
/// settings.
std::set<std::string> Databases(const ProviderContext &context, const Settings &settings) {
  std::set<std::string> dbs(settings.databases.begin(), settings.databases.end());
  for (const catalog::Resource *r : context.desired) dbs.insert(r->fields.value("database", ""));
  dbs.erase("");
  return dbs;
}

/// The distinct ALTER statements of the changes, in plan order.
std::vector<std::string> Statements(const std::vector<Change> &changes) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Change &c : changes) {
    for (const Action &a : c.actions) {
      if (a.kind == "sql" && seen.insert(a.detail).second) out.push_back(a.detail);
    }
  }
  return out;
}

class MysqlIndexProvider : public Provider, public Importer {
 public:
  std::string name() const override { return mysql::kIndexType; }
  std::vector<std::string> types() const override {
    return {mysql::kIndexType, mysql::kTableType};
  }

  LiveState Read(Transport& transport, const ProviderContext& context) override {
    Settings settings = TypedSettings<Settings>(context.settings, mysql::kIndexType);
    std::set<std::string> dbs = Databases(context, settings);
    std::set<mysql::TableRef> tables;
    for (const catalog::Resource *r : context.desired) {
      tables.insert({r->fields.value("database", ""), r->fields.value("table", "")});
    }
    return {mysql::ToJson(mysql::ReadLiveSchema(transport, context.host.name, settings, dbs, tables))};
  }

  std::vector<ImportFilter> ImportFilters() const override { return mysql::ImportFilters(); }

  /// One batch: the indexes of the --database databases.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override {
    return mysql::Import(transport, context, request);
  }

  std::vector<Change> Diff(const ProviderContext &context, const LiveState &live) override {
    return mysql::DiffHost(context.host.name, context.desired,
                           mysql::LiveSchemaFromJson(live.data));
  }

  void Validate(Transport& transport, const ProviderContext& context,
                std::vector<Change>& changes) override {
    Settings settings = TypedSettings<Settings>(context.settings, mysql::kIndexType);
    if (!settings.validate || Statements(changes).empty()) return;
    std::random_device random;
    std::string scratch = fmt::format("kilter_scratch_{:08x}", random());
    mysql::ProveOnScratch(transport, context.host.name, settings, scratch, changes);
  }

  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    Settings settings = TypedSettings<Settings>(context.settings, mysql::kIndexType);
    std::vector<std::string> done;
    for (const std::string &statement : Statements(changes)) {
      std::string db, table, body;
      mysql::SplitStatement(statement, db, table, body);
      std::string sql = fmt::format("SET SESSION lock_wait_timeout={};\n{};\n",
                                    settings.lock_wait_timeout, statement);
      CommandResult result = transport.Run(mysql::ClientCommand(settings, sql));
      if (result.ok()) {
        done.push_back(db + "." + table);
        continue;
      }
      std::string already =
          done.empty() ? "no table was changed"
                       : fmt::format("already changed: {}", fmt::join(done, ", "));
      for (const mysql::SqlError &e : mysql::ParseErrors(result.err)) {
        if (e.code != 1205) continue;
        throw ProviderError(fmt::format(
            "{}: mysql.index: ALTER TABLE {}.{} waited {} s for a "
            "metadata lock and gave up: "
            "another session holds the table (a long transaction "
            "that has read it?). {} was not "
            "changed; {}. Find the holder with SHOW PROCESSLIST, "
            "then apply again ({})",
            context.host.name, db, table, settings.lock_wait_timeout, table, already,
            e.message));
      }
      throw ProviderError(fmt::format(
          "{} (statement: {}); {}",
          mysql::DescribeFailure(mysql::IndexWhat(context.host.name, db), settings, result), statement, already));
    }
  }
};

}  // namespace

std::unique_ptr<Provider> MakeMysqlIndexProvider() {
  return std::make_unique<MysqlIndexProvider>();
}

}  // namespace kilter::reconciler
