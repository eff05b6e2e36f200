#include "reconciler/providers/mysql_index/scratch.h"

#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/mysql_index/alter.h"
#include "reconciler/providers/mysql_index/index_def.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql {

namespace {

std::string Where(const Change& c) {
  std::string where = fmt::format("{}: {} \"{}\"", c.host, c.type, c.name);
  if (c.source && !c.source->file.empty()) {
    where += fmt::format(" ({}:{}:{})", c.source->file, c.source->line, c.source->col);
  }
  return where;
}

/// Counts the rows that share a key with another row: the rows a new unique
/// index on `parts` would reject. NULLs never collide in a unique index.
std::string DuplicateCountSql(const std::string& db, const std::string& table,
                              const std::vector<KeyPart>& parts, size_t line) {
  std::vector<std::string> keys;
  std::vector<std::string> not_null;
  for (const KeyPart& p : parts) {
    std::string col = QuoteIdent(p.column);
    keys.push_back(p.prefix > 0 ? fmt::format("LEFT({}, {})", col, p.prefix) : col);
    not_null.push_back(col + " IS NOT NULL");
  }
  return fmt::format(
      "SELECT JSON_OBJECT('k','dups','line',{},'rows',COALESCE(SUM(n),0),'keys',COUNT(*)) FROM "
      "(SELECT COUNT(*) AS n FROM {}.{} WHERE {} GROUP BY {} HAVING COUNT(*) > 1) AS kilter_dups",
      line, QuoteIdent(db), QuoteIdent(table), fmt::join(not_null, " AND "),
      fmt::join(keys, ", "));
}

/// Server errors that mean "you may not", not "this statement is wrong":
/// database access denied, table/command denied, a missing privilege.
bool IsAccessDenied(const SqlError& e) {
  return e.code == 1044 || e.code == 1142 || e.code == 1227;
}

/// "'kilter'@'localhost'" from CURRENT_USER()'s "kilter@localhost".
std::string QuotedAccount(const std::string& current_user) {
  size_t at = current_user.rfind('@');
  if (at == std::string::npos) return "'" + current_user + "'";
  return fmt::format("'{}'@'{}'", current_user.substr(0, at), current_user.substr(at + 1));
}

/// The warning when the server would not let kilter use its scratch schema:
/// the proof did not run, which says nothing about the statements.
std::string ScratchDenied(const std::string& host, const std::string& scratch,
                          const SqlError& first, const std::string& account) {
  return fmt::format(
      "{}: mysql.index: the ALTER statements were not proven at plan time: the server does not "
      "let {} use the scratch schema {} ({}). This says nothing about the statements "
      "themselves. Grant the scratch schemas:\n"
      "  GRANT CREATE, DROP, ALTER, INDEX, SELECT ON `kilter\\_scratch\\_%`.* TO {};\n"
      "or turn the proof off with validate = false under [providers.\"mysql.index\"] (or "
      "[hosts.{}.providers.\"mysql.index\"]) in kilter.toml.",
      host, account.empty() ? "this user" : account, scratch, first.message,
      account.empty() ? "'USER'@'HOST'" : account, host);
}

}  // namespace

ScratchScript BuildScratchScript(const std::string& scratch, const std::vector<Change>& changes) {
  ScratchScript script;
  auto add = [&](std::string sql, std::string purpose, const Change* change) {
    script.sql += sql + ";\n";
    script.purpose.push_back(std::move(purpose));
    script.change.push_back(change);
  };
  add("SELECT JSON_OBJECT('k','user','user',CURRENT_USER())", "naming the account", nullptr);
  add("CREATE DATABASE " + QuoteIdent(scratch), "creating the scratch schema " + scratch, nullptr);
  std::set<std::string> seen;
  size_t copies = 0;
  for (const Change& c : changes) {
    for (const Action& a : c.actions) {
      if (a.kind != "sql" || !seen.insert(a.detail).second) continue;
      std::string db, table, body;
      if (!SplitStatement(a.detail, db, table, body)) continue;
      std::string copy = fmt::format("t{}", copies++);
      add(fmt::format("CREATE TABLE {}.{} LIKE {}.{}", QuoteIdent(scratch), QuoteIdent(copy),
                      QuoteIdent(db), QuoteIdent(table)),
          fmt::format("copying the structure of {}.{}", db, table), &c);
      add(AlterPrefix(scratch, copy) + body, a.detail, &c);
    }
  }
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kCreate && c.kind != ChangeKind::kReplace) continue;
    if (c.type != "mysql.index" || !c.desired.value("unique", false)) continue;
    IndexDef def = IndexDefFromJson(c.desired);
    if (def.parts.empty()) continue;
    size_t line = script.purpose.size() + 1;
    add(DuplicateCountSql(c.desired.value("database", ""), c.desired.value("table", ""), def.parts,
                          line),
        "counting duplicate keys", &c);
  }
  add("DROP DATABASE " + QuoteIdent(scratch), "dropping the scratch schema " + scratch, nullptr);
  return script;
}

void ProveOnScratch(Transport& transport, const std::string& host, const Settings& settings,
                    const std::string& scratch, std::vector<Change>& changes) {
  ScratchScript script = BuildScratchScript(scratch, changes);
  CommandResult result = transport.Run(ClientCommand(settings, script.sql, /*force=*/true));
  std::vector<std::string> problems;
  std::vector<SqlError> errors = ParseErrors(result.err);
  if (!result.ok() && errors.empty()) {
    throw ProviderError(DescribeFailure(IndexWhat(host, scratch), settings, result));
  }
  for (const SqlError& e : errors) {
    if (e.line < 1 || static_cast<size_t>(e.line) > script.purpose.size()) {
      throw ProviderError(DescribeFailure(IndexWhat(host, scratch), settings, result));
    }
  }
  std::string account;
  std::istringstream rows(result.out);
  for (std::string line; std::getline(rows, line);) {
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    if (!row.is_discarded() && row.value("k", "") == "user") {
      account = QuotedAccount(row.value("user", ""));
    }
  }
  for (const SqlError& e : errors) {
    // Denied on the scratch schema itself: the proof could not run at all,
    // and every statement after it failed for that reason alone.
    if (IsAccessDenied(e) && e.message.find(scratch) != std::string::npos) {
      for (Change& c : changes) {
        if (c.kind == ChangeKind::kNothing) continue;
        c.warnings.push_back(ScratchDenied(host, scratch, e, account));
        return;
      }
    }
  }
  for (const SqlError& e : errors) {
    const Change* change = script.change[e.line - 1];
    const std::string& purpose = script.purpose[e.line - 1];
    if (!change) {
      problems.push_back(fmt::format("{}: mysql.index: {} failed: {}", host, purpose, e.message));
    } else {
      problems.push_back(fmt::format("{}: this statement fails on an empty copy of its table, so "
                                     "it would fail on the live one: {}\n  {}",
                                     Where(*change), e.message, purpose));
    }
  }
  std::istringstream out(result.out);
  std::string line;
  while (std::getline(out, line)) {
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || row.value("k", "") != "dups") continue;
    size_t at = row.value("line", 0);
    long long rows = row.value("rows", 0LL);
    if (rows == 0 || at < 1 || at > script.change.size() || !script.change[at - 1]) continue;
    const Change& c = *script.change[at - 1];
    problems.push_back(fmt::format(
        "{}: a unique index on {}.{} {} would be violated by {} existing rows ({} keys "
        "occur more than once); remove the duplicates or declare it unique = false",
        Where(c), c.desired.value("database", ""),
        c.desired.value("table", ""), c.desired.value("columns", nlohmann::json::array()).dump(),
        rows, row.value("keys", 0LL)));
  }
  if (!problems.empty()) throw ProviderError(fmt::format("{}", fmt::join(problems, "\n")));
}

}  // namespace kilter::reconciler::mysql
