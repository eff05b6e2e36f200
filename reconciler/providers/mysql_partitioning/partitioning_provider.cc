#include "reconciler/providers/mysql_partitioning/partitioning_provider.h"

#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/backup_policy/last_backup.h"
#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/mysql_partitioning/diff.h"
#include "reconciler/providers/mysql_partitioning/live_table.h"
#include "reconciler/providers/mysql_partitioning/settings.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql_partitioning {

namespace {

using nlohmann::json;

constexpr const char* kTables = "tables";
constexpr const char* kBackupType = "backup.policy";

/// Where the covering policy's job records its last successful backup
/// (backup.policy's own record), or "" when no such policy is declared here.
std::string RecordPath(const ProviderContext& context, const std::string& policy) {
  const catalog::Resource* r = context.Declared(kBackupType, policy);
  if (!r) return "";
  backup::Settings settings =
      backup::Settings::From(context.host.providers.value(kBackupType, json::object()));
  return backup::Policy::From(*r).RecordPath(settings);
}

Coverage CoverageOf(const json& backups, const std::string& policy) {
  Coverage c;
  if (!backups.contains(policy)) return c;
  const json& b = backups.at(policy);
  c.declared = b.value("declared", false);
  if (!b.at("record").is_string()) return c;
  if (std::optional<backup::LastBackup> last =
          backup::LastBackup::Parse(b.at("record").get<std::string>())) {
    c.snapshot = ParseRfc3339(last->time);
    c.snapshot_text = last->time;
  }
  return c;
}

class PartitioningProvider : public Provider {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  /// One batch: the declared tables and the server's clock in one client
  /// run, and the record of each covering backup.policy.
  LiveState Read(Transport& transport, const ProviderContext& context) override {
    Settings settings = TypedSettings<Settings>(context.settings, kType);
    std::set<TableRef> refs;
    std::map<std::string, std::string> records;
    for (const catalog::Resource* r : context.desired) {
      Declared d = Declared::From(*r);
      refs.insert({d.database, d.table, d.column, d.window.interval == Interval::kId});
      records[d.covered_by] = RecordPath(context, d.covered_by);
    }
    json live = {{"tables", json::object()}, {"backups", json::object()}};
    if (refs.empty()) return {live};
    kit::ReadBatch batch;
    Command client = mysql::ClientCommand(settings, ReadSql({refs.begin(), refs.end()}));
    batch.AddCommand(kTables, client.Display(), client.stdin_data);
    for (const auto& [policy, path] : records) {
      if (!path.empty()) batch.AddFile(path);
    }
    kit::BatchResult read = kit::Read(transport, batch, context.host.name, kType);
    const kit::CommandRead& tables = read.Command(kTables);
    std::string what = context.host.name + ": mysql.partitioning: reading the partitions: ";
    if (!tables.ok()) {
      throw ProviderError(mysql::DescribeFailure(
          what, settings, CommandResult{tables.exit_code, tables.out, tables.err}));
    }
    LiveTables parsed;
    try {
      parsed = ParseReadOutput(tables.out);
    } catch (const std::exception& e) {
      throw ProviderError(what + e.what());
    }
    live["clock"] = {{"now", parsed.clock.now},
                     {"offset", parsed.clock.offset},
                     {"uptime", parsed.clock.uptime}};
    live["now"] = context.options.now.value_or(parsed.clock.now);
    for (const auto& [key, table] : parsed.tables) live["tables"][key] = ToJson(table);
    for (const auto& [policy, path] : records) {
      const kit::FileRead& record = read.File(path);
      live["backups"][policy] = {
          {"declared", !path.empty()},
          {"record", !path.empty() && record.exists ? json(record.content) : json(nullptr)}};
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override {
    const json& data = live.data;
    std::vector<Change> changes;
    if (context.desired.empty()) return changes;
    const json& clock = data.at("clock");
    Clock at{data.at("now").get<int64_t>(),
             {clock.at("now").get<int64_t>(), clock.at("offset").get<int64_t>(),
              clock.at("uptime").get<int64_t>()}};
    for (const catalog::Resource* r : context.desired) {
      Declared d = Declared::From(*r);
      std::string key = TableKey(d.database, d.table);
      LiveTable table = data.at("tables").contains(key)
                            ? LiveTableFromJson(data.at("tables").at(key))
                            : LiveTable{};
      changes.push_back(DiffTable(*r, table, at, CoverageOf(data.at("backups"), d.covered_by)));
    }
    return changes;
  }

  /// Each change's statements in plan order (split or add ahead, then drop),
  /// each waiting at most lock_wait_timeout for the table's metadata lock.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    Settings settings = TypedSettings<Settings>(context.settings, kType);
    std::vector<std::string> done;
    for (const Change& c : changes) {
      for (const Action& a : c.actions) {
        if (a.kind != "sql") continue;
        std::string sql = fmt::format("SET SESSION lock_wait_timeout={};\n{};\n",
                                      settings.lock_wait_timeout, a.detail);
        CommandResult result = transport.Run(mysql::ClientCommand(settings, sql));
        if (!result.ok()) {
          std::string already = done.empty()
                                    ? "nothing was changed"
                                    : fmt::format("already done: {}", fmt::join(done, "; "));
          throw ProviderError(fmt::format(
              "{} (statement: {}); {}",
              mysql::DescribeFailure(fmt::format("{}: {}: {}: ", c.host, c.Address(), a.summary),
                                     settings, result),
              a.detail, already));
        }
        done.push_back(a.summary);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Provider> MakePartitioningProvider() {
  return std::make_unique<PartitioningProvider>();
}

}  // namespace kilter::reconciler::mysql_partitioning
