#include "reconciler/providers/mysql_index/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/mysql_index/alter.h"
#include "reconciler/providers/mysql_index/desired.h"
#include "reconciler/providers/provider.h"
#include "compiler/catalog/text.h"

namespace kilter::reconciler::mysql {

namespace {

constexpr size_t kMaxCommentLength = 1024;

std::string TableKey(const std::string& db, const std::string& table) { return db + "." + table; }

/// A fingerprint that is stable across builds and machines.
std::string Fingerprint(const nlohmann::json& j) { return kit::Sha256Hex(j.dump()); }

nlohmann::json LiveJson(const LiveTable& t, const LiveIndex& i) {
  nlohmann::json j = ToJson(i.def);
  j["database"] = t.database;
  j["table"] = t.table;
  j["engine"] = t.engine;
  j["owner"] = i.owner;
  return j;
}

/// Adds a FieldChange for every field that differs; `before` or `after` may be null.
void AddFields(Change& change, const IndexDef* before, const IndexDef* after) {
  nlohmann::json b = before ? ToJson(*before) : nlohmann::json();
  nlohmann::json a = after ? ToJson(*after) : nlohmann::json();
  bool both = before && after;
  for (std::string field : {"name", "columns", "unique", "type", "comment", "ignored"}) {
    nlohmann::json x = before ? b[field] : nlohmann::json();
    nlohmann::json y = after ? a[field] : nlohmann::json();
    // Canonical equality, not spelling: names and columns compare without case.
    if (both && field == "name" && SameName(before->name, after->name)) continue;
    if (both && field != "name" && field != "comment" && field != "ignored" &&
        SameStructure(*before, *after)) {
      continue;
    }
    if (x != y) change.fields.push_back({field, x, y});
  }
}

bool Covers(const IndexDef& def, const ForeignKey& fk) {
  if (def.type != "BTREE" || def.parts.size() < fk.columns.size()) return false;
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    if (!SameName(def.parts[i].column, fk.columns[i]) || def.parts[i].prefix != 0) return false;
  }
  return true;
}

enum class MatchKind { kNone, kOwned, kNamed, kAdopted, kMoved };

struct Match {
  MatchKind kind = MatchKind::kNone;
  const LiveTable* table = nullptr;  ///< where the live index is
  const LiveIndex* index = nullptr;
};

class HostDiff {
 public:
  HostDiff(const std::string& host, const LiveSchema& live) : host_(host), live_(live) {}

  std::vector<Change> Run(const std::vector<const catalog::Resource*>& desired);

 private:
  void Claim(const LiveTable& t, const LiveIndex& i) {
    claimed_.insert({TableKey(t.database, t.table), catalog::Lower(i.def.name)});
  }
  bool Claimed(const LiveTable& t, const LiveIndex& i) const {
    return claimed_.count({TableKey(t.database, t.table), catalog::Lower(i.def.name)}) > 0;
  }
  size_t NewChange(const catalog::Resource& r);
  void Push(size_t change, const LiveTable& table, Clause clause);
  void PlanIndex(size_t change, const DesiredIndex& d, const Match& m);
  void PlanExclusive(const ExclusiveTable& x, const LiveTable& table);
  void PlanOrphans(const std::set<std::string>& declared);
  void CheckForeignKeys();
  void AttachStatements();

  std::string host_;
  const LiveSchema& live_;
  std::vector<std::string> errors_;
  std::vector<Change> changes_;
  std::set<std::pair<std::string, std::string>> claimed_;
  struct TableClauses {
    const LiveTable* table = nullptr;
    std::vector<std::pair<size_t, Clause>> clauses;
    std::set<std::string> dropped;  ///< lower-case names
    std::vector<IndexDef> added;
  };
  std::map<std::string, TableClauses> tables_;
};

size_t HostDiff::NewChange(const catalog::Resource& r) {
  changes_.push_back(Change::Of(r));
  return changes_.size() - 1;
}

void HostDiff::Push(size_t change, const LiveTable& table, Clause clause) {
  TableClauses& tc = tables_[TableKey(table.database, table.table)];
  tc.table = &table;
  if (clause.op == ClauseOp::kDrop) {
    tc.dropped.insert(catalog::Lower(clause.index));
  }
  tc.clauses.push_back({change, std::move(clause)});
}

void HostDiff::PlanIndex(size_t id, const DesiredIndex& d, const Match& m) {
  IndexDef marked = d.def;
  marked.comment = MarkedComment(d.def.comment, d.resource->name);
  if (marked.comment.size() > kMaxCommentLength) {
    errors_.push_back(fmt::format("{}: the comment with kilter's mark is {} bytes; MySQL allows {}",
                                  Where(*d.resource), marked.comment.size(), kMaxCommentLength));
  }
  const LiveTable& table = *live_.FindTable(d.database, d.table);
  const std::string& engine = table.engine;
  Change& c = changes_[id];
  for (const std::string& w : d.warnings) c.warnings.push_back(w);
  auto record_add = [&] { tables_[TableKey(table.database, table.table)].added.push_back(d.def); };
  if (m.kind == MatchKind::kNone) {
    c.kind = ChangeKind::kCreate;
    c.fingerprint = Fingerprint("absent");
    c.cause = DriftCause::kMissing;
    c.reasons.push_back(fmt::format("no index {} {} on {}.{}", d.def.name,
                                    FormatParts(d.def.parts), d.database, d.table));
    AddFields(c, nullptr, &d.def);
    Push(id, table, AddClause(marked, engine, live_.server));
    record_add();
    return;
  }
  const LiveIndex& live = *m.index;
  c.live = LiveJson(*m.table, live);
  c.fingerprint = Fingerprint(c.live);
  AddFields(c, &live.def, &d.def);
  if (m.kind == MatchKind::kMoved || !SameStructure(live.def, d.def)) {
    c.kind = ChangeKind::kReplace;
    c.cause = DriftCause::kSpecChanged;
    if (m.kind == MatchKind::kMoved) {
      c.reasons.push_back(fmt::format("kilter's index {} is on {}.{}; the specs move it to {}.{}",
                                      live.def.name, m.table->database, m.table->table,
                                      d.database, d.table));
    } else {
      c.reasons.push_back(fmt::format("{} is {}{}; the specs declare {}{}", live.def.name,
                                      live.def.unique ? "UNIQUE " : "", FormatParts(live.def.parts),
                                      d.def.unique ? "UNIQUE " : "", FormatParts(d.def.parts)));
    }
    if (m.kind == MatchKind::kNamed) {
      c.reasons.push_back(fmt::format(
          "{} has no kilter mark, but the specs name it, so kilter rebuilds it as declared",
          live.def.name));
    }
    Push(id, *m.table, DropClause(live.def.name, m.table->engine));
    Push(id, table, AddClause(marked, engine, live_.server));
    record_add();
    return;
  }
  if (m.kind == MatchKind::kAdopted || m.kind == MatchKind::kNamed) {
    c.fields.clear();
    c.reasons.push_back(fmt::format(
        "adopted the existing index {} (same definition, no kilter mark): it is not rebuilt, "
        "and stays unmarked, so kilter never drops it",
        live.def.name));
    if (live.def.ignored != d.def.ignored) {
      c.kind = ChangeKind::kUpdate;
      c.fields.push_back({"ignored", live.def.ignored, d.def.ignored});
      Push(id, table, IgnoreClause(live.def.name, d.def.ignored, live_.server));
    }
    return;
  }
  if (c.fields.empty()) return;  // kilter's own index, exactly as declared
  c.kind = ChangeKind::kUpdate;
  if (live.def.comment != d.def.comment) {
    for (Clause& clause : RedefineClauses(live.def.name, marked, engine, live_.server)) {
      Push(id, table, std::move(clause));
    }
  } else if (!SameName(live.def.name, d.def.name)) {
    Push(id, table, RenameClause(live.def.name, d.def.name));
    if (live.def.ignored != d.def.ignored) {
      Push(id, table, IgnoreClause(d.def.name, d.def.ignored, live_.server));
    }
  } else {
    Push(id, table, IgnoreClause(live.def.name, d.def.ignored, live_.server));
  }
}

void HostDiff::PlanExclusive(const ExclusiveTable& x, const LiveTable& table) {
  size_t id = NewChange(*x.resource);
  Change& c = changes_[id];
  nlohmann::json undeclared = nlohmann::json::array();
  nlohmann::json all = nlohmann::json::array();
  for (const LiveIndex& i : table.indexes) {
    all.push_back(LiveJson(table, i));
    if (i.def.name == "PRIMARY" || Claimed(table, i) || !i.owner.empty()) continue;
    if (i.foreign_key) {
      c.reasons.push_back(fmt::format("kept {}: the server made it for foreign key {}",
                                      i.def.name, i.def.name));
      continue;
    }
    undeclared.push_back(i.def.name);
  }
  c.live = {{"database", table.database}, {"table", table.table}, {"indexes", all}};
  c.fingerprint = Fingerprint(c.live);
  if (undeclared.empty()) return;
  c.kind = ChangeKind::kUpdate;
  c.destructive = true;
  c.cause = DriftCause::kLiveChanged;
  c.fields.push_back({"undeclared_indexes", undeclared, nlohmann::json::array()});
  c.reasons.push_back(fmt::format(
      "{}.{} is declared exclusive: indexes the specs do not declare are dropped", table.database,
      table.table));
  for (const auto& name : undeclared) Push(id, table, DropClause(name, table.engine));
}

void HostDiff::PlanOrphans(const std::set<std::string>& declared) {
  for (const auto& [key, table] : live_.tables) {
    for (const LiveIndex& i : table.indexes) {
      if (i.owner.empty() || Claimed(table, i)) continue;
      changes_.push_back(Change::Deleted(
          kIndexType, i.owner, host_,
          declared.count(i.owner)
              ? fmt::format("{} on {} carries the mark of a resource that already has its index",
                            i.def.name, key)
              : fmt::format("kilter made {} on {}; no resource declares it any more", i.def.name,
                            key)));
      size_t id = changes_.size() - 1;
      Change& c = changes_[id];
      c.live = LiveJson(table, i);
      c.fingerprint = Fingerprint(c.live);
      AddFields(c, &i.def, nullptr);
      if (!i.def.ignored && live_.server.ignorable_indexes) {
        c.warnings.push_back(
            "to see the effect before dropping, declare it with ignored = true for a while first");
      }
      Push(id, table, DropClause(i.def.name, table.engine));
    }
  }
}

void HostDiff::CheckForeignKeys() {
  for (auto& [key, tc] : tables_) {
    for (const ForeignKey& fk : tc.table->foreign_keys) {
      bool covered = false;
      for (const LiveIndex& i : tc.table->indexes) {
        if (!tc.dropped.count(catalog::Lower(i.def.name)) && Covers(i.def, fk)) covered = true;
      }
      for (const IndexDef& d : tc.added) covered = covered || Covers(d, fk);
      if (covered) continue;
      // An exclusive table's undeclared index that the key needs stays.
      for (auto it = tc.clauses.begin(); it != tc.clauses.end(); ++it) {
        Change& c = changes_[it->first];
        if (c.type != kTableType || it->second.op != ClauseOp::kDrop) continue;
        const LiveIndex* idx = tc.table->FindIndex(it->second.index);
        if (!idx || !Covers(idx->def, fk)) continue;
        c.reasons.push_back(
            fmt::format("kept {}: foreign key {} needs it", idx->def.name, fk.name));
        nlohmann::json& names = c.fields.front().before;
        names.erase(std::remove(names.begin(), names.end(), idx->def.name), names.end());
        tc.dropped.erase(catalog::Lower(idx->def.name));
        tc.clauses.erase(it);
        covered = true;
        break;
      }
      if (!covered) {
        errors_.push_back(fmt::format(
            "{}: the changes on {} would leave foreign key {} ({}) without an index; declare an "
            "index on those columns first",
            host_, key, fk.name, fmt::join(fk.columns, ", ")));
      }
    }
  }
}

void HostDiff::AttachStatements() {
  for (auto& [key, tc] : tables_) {
    if (tc.clauses.empty()) continue;
    std::vector<Clause> all;
    std::set<size_t> ids;
    for (const auto& [id, clause] : tc.clauses) {
      all.push_back(clause);
      ids.insert(id);
    }
    TableStatement st = BuildStatement(*tc.table, all);
    for (size_t id : ids) {
      std::vector<std::string> own;
      for (const auto& [cid, clause] : tc.clauses) {
        if (cid == id) own.push_back(clause.sql);
      }
      std::string summary = fmt::format("ALTER TABLE {}.{}: {} (ALGORITHM={}, LOCK={})",
                                        QuoteIdent(tc.table->database),
                                        QuoteIdent(tc.table->table), fmt::join(own, ", "),
                                        st.algorithm, st.lock);
      if (ids.size() > 1) {
        summary += fmt::format("; one statement with {} other change(s) on this table",
                               ids.size() - 1);
      }
      Change& c = changes_[id];
      c.actions.push_back({"sql", summary, st.sql});
      if (st.blocks_writes) c.warnings.push_back(st.lock_note);
      else c.reasons.push_back(st.lock_note);
    }
  }
  for (Change& c : changes_) {
    if (c.kind == ChangeKind::kNothing || !c.actions.empty()) continue;
    c.kind = ChangeKind::kNothing;  // every drop it planned was kept for a foreign key
    c.destructive = false;
    c.fields.clear();
  }
}

std::vector<Change> HostDiff::Run(const std::vector<const catalog::Resource*>& desired) {
  std::vector<DesiredIndex> indexes;
  std::vector<ExclusiveTable> exclusive;
  std::set<std::string> declared;
  std::map<std::string, std::string> names_on_table;  // "db.table.lower(name)" -> resource
  for (const catalog::Resource* r : desired) {
    std::string db = r->fields.value("database", "");
    std::string table = r->fields.value("table", "");
    const LiveTable* live_table = live_.FindTable(db, table);
    if (!live_.databases.count(db)) {
      errors_.push_back(fmt::format(
          "{}: database `{}` does not exist on host {} (or the user of defaults_file cannot "
          "see it)",
          Where(*r), db, host_));
      continue;
    }
    if (!live_table) {
      errors_.push_back(fmt::format("{}: table {}.{} does not exist on host {}", Where(*r), db,
                                    table, host_));
      continue;
    }
    if (r->type == kTableType) {
      exclusive.push_back({r, db, table});
      continue;
    }
    DesiredIndex d = ParseDesired(*r, errors_);
    Canonicalise(d, *live_table, live_.server, errors_);
    std::string name_key = TableKey(db, table) + "." + catalog::Lower(d.def.name);
    if (auto [it, fresh] = names_on_table.emplace(name_key, r->name); !fresh) {
      errors_.push_back(fmt::format("{}: index name {} on {}.{} is also declared by \"{}\"",
                                    Where(*r), d.def.name, db, table, it->second));
    }
    declared.insert(r->name);
    indexes.push_back(std::move(d));
  }
  if (!errors_.empty()) throw ProviderError(fmt::format("{}", fmt::join(errors_, "\n")));

  // Match in phases over all declarations, so no declaration takes an index
  // that a stronger claim of another one (its mark, then its name) holds.
  std::vector<Match> matches(indexes.size());
  auto phase = [&](MatchKind kind, auto&& accepts) {
    for (size_t n = 0; n < indexes.size(); ++n) {
      if (matches[n].kind != MatchKind::kNone) continue;
      const DesiredIndex& d = indexes[n];
      for (const auto& [key, table] : live_.tables) {
        bool same_table = table.database == d.database && table.table == d.table;
        for (const LiveIndex& i : table.indexes) {
          if (i.def.name == "PRIMARY" || Claimed(table, i) || !accepts(d, same_table, i)) continue;
          matches[n] = {kind, &table, &i};
          Claim(table, i);
          break;
        }
        if (matches[n].kind != MatchKind::kNone) break;
      }
    }
  };
  phase(MatchKind::kOwned, [](const DesiredIndex& d, bool same, const LiveIndex& i) {
    return same && i.owner == d.resource->name;
  });
  phase(MatchKind::kMoved, [](const DesiredIndex& d, bool same, const LiveIndex& i) {
    return !same && i.owner == d.resource->name;
  });
  phase(MatchKind::kNamed, [](const DesiredIndex& d, bool same, const LiveIndex& i) {
    return same && i.owner.empty() && SameName(i.def.name, d.def.name);
  });
  phase(MatchKind::kAdopted, [](const DesiredIndex& d, bool same, const LiveIndex& i) {
    return same && i.owner.empty() && SameStructure(i.def, d.def);
  });

  for (size_t n = 0; n < indexes.size(); ++n) {
    size_t id = NewChange(*indexes[n].resource);
    PlanIndex(id, indexes[n], matches[n]);
  }
  for (const ExclusiveTable& x : exclusive) PlanExclusive(x, *live_.FindTable(x.database, x.table));
  PlanOrphans(declared);
  CheckForeignKeys();
  if (!errors_.empty()) throw ProviderError(fmt::format("{}", fmt::join(errors_, "\n")));
  AttachStatements();
  return changes_;
}

}  // namespace

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const LiveSchema& live) {
  return HostDiff(host, live).Run(desired);
}

}  // namespace kilter::reconciler::mysql
