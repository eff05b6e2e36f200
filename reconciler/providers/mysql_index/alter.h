#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/mysql_index/index_def.h"
#include "reconciler/providers/mysql_index/live_schema.h"

/// One ALTER TABLE per table: the clauses of every change on it, with the
/// algorithm and lock the server can do them under.
namespace kilter::reconciler::mysql {

/// The cheapest way a clause can run, ordered from cheap to expensive.
enum class Algorithm { kInstant, kInplace, kCopy };

enum class ClauseOp { kDrop, kAdd, kRename, kAlterIndex };

struct Clause {
  ClauseOp op = ClauseOp::kAdd;
  std::string index;  ///< the index the clause adds, drops, renames or hides
  std::string sql;  ///< "ADD INDEX `x` (`a`, `b`)"
  Algorithm algorithm = Algorithm::kInplace;
  bool needs_lock = false;  ///< InnoDB builds FULLTEXT and SPATIAL indexes under LOCK=SHARED
};

/// "ADD UNIQUE INDEX `name` (`a`, `b`(32) DESC) COMMENT '...'" for `def`,
/// whose comment is written as is (the caller adds kilter's mark).
std::string AddIndexSql(const IndexDef& def, const ServerInfo& server);

/// The clauses to add, drop, rename or hide an index on a table of `engine`.
Clause AddClause(const IndexDef& def, const std::string& engine, const ServerInfo& server);
Clause DropClause(const std::string& name, const std::string& engine);
Clause RenameClause(const std::string& from, const std::string& to);
Clause IgnoreClause(const std::string& name, bool ignored, const ServerInfo& server);
/// Dropping and re-adding the same structure (a new comment): metadata only
/// on InnoDB, a table copy elsewhere.
std::vector<Clause> RedefineClauses(const std::string& old_name, const IndexDef& def,
                                    const std::string& engine, const ServerInfo& server);

/// The batched statement of one table.
struct TableStatement {
  std::string sql;        ///< ALTER TABLE `db`.`t` c1, c2, ALGORITHM=..., LOCK=...
  std::string body;       ///< the part after "ALTER TABLE `db`.`t` "
  std::string algorithm;  ///< "INSTANT", "INPLACE", "COPY"
  std::string lock;       ///< "NONE", "SHARED"
  std::string lock_note;  ///< what the lock means for the table's users, for the plan
  bool blocks_writes = false;
};

/// Orders the clauses (drops first, so a name can be reused in the same
/// statement) and picks the algorithm and lock for the whole statement.
TableStatement BuildStatement(const LiveTable& table, std::vector<Clause> clauses);

/// "ALTER TABLE `db`.`t` " as BuildStatement prefixes it.
std::string AlterPrefix(const std::string& database, const std::string& table);

/// The database, table and body of a statement BuildStatement made; false
/// when `sql` is not one.
bool SplitStatement(const std::string& sql, std::string& database, std::string& table,
                    std::string& body);

}  // namespace kilter::reconciler::mysql
