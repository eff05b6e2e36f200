#include "reconciler/providers/mysql_partitioning/diff.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/plan/fingerprint.h"
#include "reconciler/providers/kit/mysql_client.h"
#include "reconciler/providers/mysql_partitioning/refusal.h"
#include "reconciler/providers/mysql_partitioning/settings.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_partitioning {

using mysql::QuoteIdent;
using nlohmann::json;

namespace {

constexpr const char* kCatchAll = "pmax";

/// "about 1.2 MiB": a size for people.
std::string AboutSize(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(units)) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

/// Whether the partitioning expression is the column alone (the server
/// quotes it with backticks; names compare without case).
bool SameColumn(std::string expression, const std::string& column) {
  std::erase(expression, '`');
  return std::equal(expression.begin(), expression.end(), column.begin(), column.end(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

std::string PartitionSql(const std::string& name, const std::string& literal) {
  return fmt::format("PARTITION {} VALUES LESS THAN ({})", QuoteIdent(name), literal);
}

std::string CatchAllSql(const std::string& name) {
  return fmt::format("PARTITION {} VALUES LESS THAN (MAXVALUE)", QuoteIdent(name));
}

/// The live partitions, the catch-all apart.
struct Split {
  std::vector<std::pair<const LivePartition*, int64_t>> ranged;  ///< with their bounds
  const LivePartition* catch_all = nullptr;
};

Split SplitLive(const LiveTable& t, Interval interval, const std::string& where) {
  Split s;
  for (const LivePartition& p : t.partitions) {
    if (p.bound == "MAXVALUE") {
      s.catch_all = &p;
    } else if (std::optional<int64_t> b = ParseBound(interval, p.bound)) {
      s.ranged.push_back({&p, *b});
    } else {
      throw ProviderError(fmt::format("{}partition {} has the bound {}, which is not a {}", where,
                                      p.name, p.bound,
                                      interval == Interval::kId ? "number" : "date"));
    }
  }
  return s;
}

/// When the rows of a partition last changed, as UTC seconds: its upper bound
/// for a time window (no row below it arrives after it), its UPDATE_TIME for
/// an id window, or the server's start when the server has not written it
/// since (InnoDB keeps UPDATE_TIME in memory only).
int64_t Settled(const Declared& d, const LivePartition& p, int64_t bound, const Clock& clock) {
  if (d.window.interval != Interval::kId) return bound - clock.server.offset;
  if (std::optional<int64_t> updated = ParseBound(Interval::kDay, p.updated)) {
    return *updated - clock.server.offset;
  }
  return clock.server.now - clock.server.uptime;
}

std::string ShowUtc(int64_t seconds) { return ShowBound(Interval::kDay, seconds) + " UTC"; }

/// The partition's rows in words: "rows before 2026-01-01" or "ids below 2000000".
std::string RowsOf(const Declared& d, const LivePartition& p, int64_t bound) {
  std::string what = d.window.interval == Interval::kId
                         ? fmt::format("{} below {}", d.column, bound)
                         : fmt::format("{} before {}", d.column, ShowBound(d.window.interval, bound));
  return fmt::format("{} ({}: about {} rows)", p.name, what, p.rows);
}

/// The fingerprint of what the plan relies on: the partitioning and its
/// partitions, not the row counts that move with every insert.
std::string Fingerprint(const LiveTable& t) {
  json parts = json::array();
  for (const LivePartition& p : t.partitions) parts.push_back({p.name, p.bound});
  return LiveFingerprint(
      json{{"exists", t.exists}, {"method", t.method}, {"expression", t.expression}, {"partitions", parts}});
}

std::string Names(const std::vector<WindowPart>& parts) {
  if (parts.empty()) return "";
  if (parts.size() == 1) return parts[0].name;
  return fmt::format("{} … {} ({} partitions)", parts.front().name, parts.back().name, parts.size());
}

void Convert(Change& c, const Declared& d, const LiveTable& t, const std::vector<WindowPart>& window,
             const std::string& table_sql) {
  c.kind = ChangeKind::kCreate;
  c.fields.push_back({"partitions", nullptr, Names(window) + " + " + kCatchAll});
  std::vector<std::string> defs;
  for (const WindowPart& p : window) defs.push_back(PartitionSql(p.name, p.literal));
  defs.push_back(CatchAllSql(kCatchAll));
  c.reasons.push_back(fmt::format(
      "{}.{} is not partitioned: about {} rows, {} of data and indexes, are copied into the "
      "partitions (ALTER TABLE … PARTITION BY rebuilds the table: reads go on, writes wait "
      "until it is done); rows before {} go into {}",
      d.database, d.table, t.rows, AboutSize(t.bytes),
      ShowBound(d.window.interval, window.front().upper), window.front().name));
  c.actions.push_back({"sql", fmt::format("partition {}.{} by {}", d.database, d.table, d.column),
                       fmt::format("ALTER TABLE {} PARTITION BY RANGE COLUMNS({}) ({})", table_sql,
                                   QuoteIdent(d.column), fmt::join(defs, ", "))});
  c.measures["partitions_ahead"] = 0;
}

}  // namespace

Declared Declared::From(const catalog::Resource& r) {
  const json& f = r.fields;
  Declared d;
  d.database = f.value("database", "");
  d.table = f.value("table", "");
  d.column = f.value("column", "");
  std::optional<Interval> interval = ParseInterval(f.value("interval", ""));
  if (!interval) {
    throw ProviderError(fmt::format("{}: interval \"{}\" is not month, week, day or id",
                                    r.Address(), f.value("interval", "")));
  }
  d.window = {*interval, f.value("step", int64_t{1}), f.value("keep", 12), f.value("ahead", 3)};
  d.covered_by = f.value("covered_by", "");
  return d;
}

Change DiffTable(const catalog::Resource& r, const LiveTable& t, const Clock& clock,
                 const Coverage& coverage) {
  Declared d = Declared::From(r);
  std::string where = fmt::format("{}: {} \"{}\": ", r.host, kType, r.name);
  auto refuse = [&](const std::string& why) { throw ProviderError(where + why); };
  if (!coverage.declared) {
    refuse(fmt::format("covered_by names backup.policy \"{}\", which is not declared on {}: the "
                       "window's old partitions are dropped only once that policy has backed "
                       "them up",
                       d.covered_by, r.host));
  }
  if (!t.exists) refuse(fmt::format("table {}.{} does not exist", d.database, d.table));
  if (t.column_type.empty()) {
    refuse(fmt::format("table {}.{} has no column {}", d.database, d.table, d.column));
  }
  bool by_id = d.window.interval == Interval::kId;
  if (auto why = TypeRefusal(d.column, t.column_type, by_id)) refuse(*why);
  if (auto why = KeyRefusal(d.database, d.table, d.column, t)) refuse(*why);

  Change c = Change::Of(r);
  c.live = ToJson(t);
  c.fingerprint = Fingerprint(t);
  int64_t position = by_id ? t.max.value_or(0) : clock.now + clock.server.offset;
  std::vector<WindowPart> window = Window(d.window, position);
  std::string table_sql = QuoteIdent(d.database) + "." + QuoteIdent(d.table);
  if (t.method.empty()) {
    Convert(c, d, t, window, table_sql);
    return c;
  }
  if (t.method != "RANGE COLUMNS" || !SameColumn(t.expression, d.column)) {
    refuse(fmt::format("{}.{} is partitioned by {} {}, not RANGE COLUMNS({}): kilter does not "
                       "re-partition a partitioned table; change the column or repartition it "
                       "by hand",
                       d.database, d.table, t.method, t.expression, d.column));
  }
  Split live = SplitLive(t, d.window.interval, where);
  std::optional<int64_t> top;
  for (const auto& [p, bound] : live.ranged) top = std::max(top.value_or(bound), bound);

  std::vector<WindowPart> adds;
  for (const WindowPart& w : window) {
    if (!top || w.upper > *top) adds.push_back(w);
  }
  int64_t ahead = 0;
  for (const WindowPart& w : window) {
    if (top && w.upper <= *top && w.upper > window[d.window.keep].upper) ++ahead;
  }
  c.measures["partitions_ahead"] = static_cast<double>(ahead);
  if (!adds.empty()) {
    std::string catch_all = live.catch_all ? live.catch_all->name : kCatchAll;
    std::vector<std::string> defs;
    for (const WindowPart& w : adds) defs.push_back(PartitionSql(w.name, w.literal));
    defs.push_back(CatchAllSql(catch_all));
    std::string landing =
        live.catch_all ? fmt::format("rows from {} on land in the catch-all {}",
                                     ShowBound(d.window.interval, top.value_or(0)), catch_all)
                       : "the server refuses rows above it (no catch-all partition)";
    c.reasons.push_back(
        top ? fmt::format("the window needs partitions up to {} (ahead = {}); the highest ends at "
                          "{}: {}",
                          adds.back().literal, d.window.ahead, ShowBound(d.window.interval, *top),
                          landing)
            : fmt::format("the table has only its catch-all {}", catch_all));
    if (live.catch_all && live.catch_all->rows > 0) {
      c.reasons.push_back(fmt::format(
          "the catch-all {} holds about {} rows: splitting it moves them into their partitions",
          catch_all, live.catch_all->rows));
    }
    c.actions.push_back(
        live.catch_all
            ? Action{"sql", fmt::format("split {} of {}.{} into {}", catch_all, d.database, d.table, Names(adds)),
                     fmt::format("ALTER TABLE {} REORGANIZE PARTITION {} INTO ({})", table_sql,
                                 QuoteIdent(catch_all), fmt::join(defs, ", "))}
            : Action{"sql", fmt::format("add {} to {}.{}", Names(adds), d.database, d.table),
                     fmt::format("ALTER TABLE {} ADD PARTITION ({})", table_sql,
                                 fmt::join(defs, ", "))});
    c.fields.push_back({"partitions ahead", ahead, d.window.ahead});
  }

  int64_t start = WindowStart(d.window, position);
  std::vector<std::string> drops, dropped;
  for (const auto& [p, bound] : live.ranged) {
    if (bound > start) continue;
    int64_t settled = Settled(d, *p, bound, clock);
    std::string rows = RowsOf(d, *p, bound);
    if (coverage.snapshot && *coverage.snapshot > settled) {
      drops.push_back(QuoteIdent(p->name));
      dropped.push_back(p->name);
      c.reasons.push_back(fmt::format(
          "{} is older than keep = {}; backup.policy \"{}\" has a successful snapshot of {} "
          "taken after its rows settled ({})",
          rows, d.window.keep, d.covered_by, coverage.snapshot_text, ShowUtc(settled)));
    } else {
      c.problems.push_back(fmt::format(
          "{} is older than keep = {} and waits for backup.policy \"{}\": {}; it is dropped once "
          "a successful snapshot is taken after {}",
          rows, d.window.keep, d.covered_by,
          coverage.snapshot ? "its last successful snapshot, " + coverage.snapshot_text +
                                  ", is older than its rows"
                            : std::string("the policy has no successful snapshot recorded on the host"),
          ShowUtc(settled)));
    }
  }
  if (!drops.empty()) {
    c.destructive = true;
    c.fields.push_back({"partitions older than keep", dropped, json::array()});
    c.actions.push_back({"sql", fmt::format("drop {} of {}.{}", fmt::join(dropped, ", "), d.database, d.table),
                         fmt::format("ALTER TABLE {} DROP PARTITION {}", table_sql,
                                     fmt::join(drops, ", "))});
  }
  if (!c.actions.empty()) c.kind = ChangeKind::kUpdate;
  return c;
}

}  // namespace kilter::reconciler::mysql_partitioning
