#include "reconciler/providers/mysql_index/alter.h"

#include <algorithm>

#include <fmt/format.h>

namespace kilter::reconciler::mysql {

namespace {

bool Online(const std::string& engine) { return SameName(engine, "InnoDB"); }

const char* Name(Algorithm a) {
  switch (a) {
    case Algorithm::kInstant: return "INSTANT";
    case Algorithm::kInplace: return "INPLACE";
    case Algorithm::kCopy: return "COPY";
  }
  return "COPY";
}

const char* HideKeyword(const ServerInfo& server) {
  return server.mariadb ? "IGNORED" : "INVISIBLE";
}

}  // namespace

std::string AddIndexSql(const IndexDef& def, const ServerInfo& server) {
  std::string kind = "INDEX";
  if (def.type == "FULLTEXT") kind = "FULLTEXT INDEX";
  else if (def.type == "SPATIAL") kind = "SPATIAL INDEX";
  else if (def.unique) kind = "UNIQUE INDEX";
  std::string parts;
  for (const KeyPart& p : def.parts) {
    if (!parts.empty()) parts += ", ";
    parts += SqlKeyPart(p);
  }
  std::string sql = fmt::format("ADD {} {} ({})", kind, QuoteIdent(def.name), parts);
  if (!def.comment.empty()) sql += " COMMENT " + QuoteString(def.comment);
  if (def.ignored) sql += std::string(" ") + HideKeyword(server);
  return sql;
}

Clause AddClause(const IndexDef& def, const std::string& engine, const ServerInfo& server) {
  Clause c;
  c.op = ClauseOp::kAdd;
  c.index = def.name;
  c.sql = AddIndexSql(def, server);
  c.algorithm = Online(engine) ? Algorithm::kInplace : Algorithm::kCopy;
  c.needs_lock = Online(engine) && (def.type == "FULLTEXT" || def.type == "SPATIAL");
  return c;
}

Clause DropClause(const std::string& name, const std::string& engine) {
  return {ClauseOp::kDrop, name, "DROP INDEX " + QuoteIdent(name),
          Online(engine) ? Algorithm::kInplace : Algorithm::kCopy, false};
}

Clause RenameClause(const std::string& from, const std::string& to) {
  return {ClauseOp::kRename, from,
          fmt::format("RENAME INDEX {} TO {}", QuoteIdent(from), QuoteIdent(to)),
          Algorithm::kInstant, false};
}

Clause IgnoreClause(const std::string& name, bool ignored, const ServerInfo& server) {
  std::string keyword = HideKeyword(server);
  if (!ignored) keyword = server.mariadb ? "NOT IGNORED" : "VISIBLE";
  return {ClauseOp::kAlterIndex, name, fmt::format("ALTER INDEX {} {}", QuoteIdent(name), keyword),
          Algorithm::kInstant, false};
}

std::vector<Clause> RedefineClauses(const std::string& old_name, const IndexDef& def,
                                    const std::string& engine, const ServerInfo& server) {
  Algorithm a = Online(engine) ? Algorithm::kInstant : Algorithm::kCopy;
  Clause drop = DropClause(old_name, engine);
  Clause add = AddClause(def, engine, server);
  drop.algorithm = a;
  add.algorithm = a;
  add.needs_lock = false;
  return {drop, add};
}

std::string AlterPrefix(const std::string& database, const std::string& table) {
  return fmt::format("ALTER TABLE {}.{} ", QuoteIdent(database), QuoteIdent(table));
}

namespace {

// Reads one `quoted` identifier at `at`, advancing past it.
bool ReadIdent(const std::string& s, size_t& at, std::string& out) {
  if (at >= s.size() || s[at] != '`') return false;
  out.clear();
  for (size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] != '`') {
      out += s[i];
    } else if (i + 1 < s.size() && s[i + 1] == '`') {
      out += '`';
      ++i;
    } else {
      at = i + 1;
      return true;
    }
  }
  return false;
}

}  // namespace

bool SplitStatement(const std::string& sql, std::string& database, std::string& table,
                    std::string& body) {
  const std::string head = "ALTER TABLE ";
  if (sql.rfind(head, 0) != 0) return false;
  size_t at = head.size();
  if (!ReadIdent(sql, at, database) || at >= sql.size() || sql[at] != '.') return false;
  ++at;
  if (!ReadIdent(sql, at, table) || at >= sql.size() || sql[at] != ' ') return false;
  body = sql.substr(at + 1);
  return true;
}

TableStatement BuildStatement(const LiveTable& table, std::vector<Clause> clauses) {
  std::stable_sort(clauses.begin(), clauses.end(),
                   [](const Clause& a, const Clause& b) { return a.op < b.op; });
  Algorithm algorithm = Algorithm::kInstant;
  bool lock = false;
  std::string body;
  for (const Clause& c : clauses) {
    algorithm = std::max(algorithm, c.algorithm);
    lock = lock || c.needs_lock;
    body += c.sql + ", ";
  }
  lock = lock || algorithm == Algorithm::kCopy;
  TableStatement st;
  st.algorithm = Name(algorithm);
  st.lock = lock ? "SHARED" : "NONE";
  st.blocks_writes = lock;
  body += fmt::format("ALGORITHM={}, LOCK={}", st.algorithm, st.lock);
  st.body = body;
  st.sql = AlterPrefix(table.database, table.table) + body;
  std::string where = fmt::format("{}.{}", table.database, table.table);
  if (algorithm == Algorithm::kCopy) {
    st.lock_note = fmt::format(
        "{} is {}: no online DDL. ALGORITHM=COPY, LOCK=SHARED: the table ({} rows) is copied "
        "and writes to it wait until the copy ends; reads go on",
        where, table.engine, table.rows);
  } else if (lock) {
    st.lock_note = fmt::format(
        "{} is {}, but a FULLTEXT or SPATIAL index is built under LOCK=SHARED: writes to the "
        "table ({} rows) wait until the statement ends; reads go on",
        where, table.engine, table.rows);
  } else if (algorithm == Algorithm::kInplace) {
    st.lock_note = fmt::format(
        "{} is {}: online (ALGORITHM=INPLACE, LOCK=NONE), reads and writes go on; only a brief "
        "metadata lock at the start and the end",
        where, table.engine);
  } else {
    st.lock_note = fmt::format("{}: metadata only (ALGORITHM=INSTANT), no rebuild", where);
  }
  return st;
}

}  // namespace kilter::reconciler::mysql
