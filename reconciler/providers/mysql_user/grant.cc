#include "reconciler/providers/mysql_user/grant.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kilter::reconciler::mysql_user {

namespace {

constexpr const char* kGrantOption = "GRANT OPTION";

/// Every privilege MariaDB 10.11 knows, in the order SHOW GRANTS lists them.
constexpr std::array kGlobal = {
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "RELOAD", "SHUTDOWN", "PROCESS",
    "FILE", "REFERENCES", "INDEX", "ALTER", "SHOW DATABASES", "SUPER",
    "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "REPLICATION SLAVE", "BINLOG MONITOR",
    "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "CREATE USER", "EVENT",
    "TRIGGER", "CREATE TABLESPACE", "DELETE HISTORY", "SET USER", "FEDERATED ADMIN",
    "CONNECTION ADMIN", "READ_ONLY ADMIN", "REPLICATION SLAVE ADMIN", "REPLICATION MASTER ADMIN",
    "BINLOG ADMIN", "BINLOG REPLAY", "SLAVE MONITOR"};
/// What a grant on db.* can hold.
constexpr std::array kDatabase = {
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER",
    "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE VIEW", "SHOW VIEW",
    "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER", "DELETE HISTORY"};
/// What a grant on db.table can hold.
constexpr std::array kTable = {"SELECT", "INSERT",      "UPDATE",    "DELETE", "CREATE",
                               "DROP",   "REFERENCES",  "INDEX",     "ALTER",  "CREATE VIEW",
                               "SHOW VIEW", "TRIGGER", "DELETE HISTORY"};

/// Other names of the same privilege, as the server accepts them.
const std::map<std::string, std::string> kSynonyms = {
    {"REPLICATION CLIENT", "BINLOG MONITOR"},
    {"REPLICATION REPLICA", "REPLICATION SLAVE"},
    {"REPLICA MONITOR", "SLAVE MONITOR"},
    {"ALL", "ALL PRIVILEGES"},
};

std::vector<std::string> LevelOf(const GrantObject& o) {
  if (o.db == "*") return {kGlobal.begin(), kGlobal.end()};
  if (o.table == "*") return {kDatabase.begin(), kDatabase.end()};
  return {kTable.begin(), kTable.end()};
}

std::string LevelName(const GrantObject& o) {
  return o.db == "*" ? "a global grant (*.*)" : o.table == "*" ? "a database" : "a table";
}

/// Upper case, runs of blanks made one space, trimmed.
std::string Canonical(const std::string& word) {
  std::string out;
  for (char c : word) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Unquote(const std::string& name) {
  if (name.size() >= 2 && name.front() == '`' && name.back() == '`') {
    std::string inner = name.substr(1, name.size() - 2);
    std::string out;
    for (size_t i = 0; i < inner.size(); ++i) {
      out += inner[i];
      if (inner[i] == '`' && i + 1 < inner.size() && inner[i + 1] == '`') ++i;
    }
    return out;
  }
  return name;
}

std::string Quote(const std::string& name) {
  if (name == "*") return name;
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

/// Adds the privileges of `list` ("SELECT, insert") on `object` to `into`.
std::optional<std::string> AddPrivileges(const std::string& list, const GrantObject& object,
                                         GrantSet& into) {
  std::vector<std::string> level = LevelOf(object);
  std::set<std::string>& privileges = into[object];
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string word = Canonical(list.substr(start, comma - start));
    start = comma + 1;
    if (auto it = kSynonyms.find(word); it != kSynonyms.end()) word = it->second;
    if (word.empty()) return std::string("an empty privilege in the list");
    if (word == "USAGE") continue;
    if (word == "ALL PRIVILEGES") {
      privileges.insert(level.begin(), level.end());
      continue;
    }
    if (word == kGrantOption) {
      privileges.insert(word);
      continue;
    }
    if (std::find(level.begin(), level.end(), word) == level.end()) {
      bool known = std::find(kGlobal.begin(), kGlobal.end(), word) != kGlobal.end();
      return known ? fmt::format("{} cannot be granted on {}", word, LevelName(object))
                   : fmt::format("{} is not a privilege", word);
    }
    privileges.insert(word);
  }
  return std::nullopt;
}

/// `names` (in the level's order) as a statement lists them: ALL PRIVILEGES
/// when they are all of the level's, USAGE when none.
std::string List(const std::vector<std::string>& names, const GrantObject& object) {
  if (names.empty()) return "USAGE";
  if (names.size() == LevelOf(object).size()) return "ALL PRIVILEGES";
  return fmt::format("{}", fmt::join(names, ", "));
}

const std::string kName = R"((\*|`(?:[^`]|``)+`|[A-Za-z0-9_$]+))";

}  // namespace

std::string GrantObject::Display() const { return db + "." + table; }

std::string GrantObject::Sql() const { return Quote(db) + "." + Quote(table); }

std::optional<std::string> ParseDeclared(const std::string& grant, GrantSet& into) {
  static const std::regex kGrant(
      R"(^\s*(.*?)\s+[Oo][Nn]\s+)" + kName + R"(\.)" + kName +
      R"((\s+[Ww][Ii][Tt][Hh]\s+[Gg][Rr][Aa][Nn][Tt]\s+[Oo][Pp][Tt][Ii][Oo][Nn])?\s*$)");
  std::smatch m;
  if (!std::regex_match(grant, m, kGrant)) {
    return std::string("a grant is written \"PRIVILEGES ON DATABASE.TABLE [WITH GRANT OPTION]\"");
  }
  GrantObject object{Unquote(m[2]), Unquote(m[3])};
  if (object.db == "*" && object.table != "*") {
    return std::string("*.TABLE names no database: write *.* or DATABASE.TABLE");
  }
  if (auto error = AddPrivileges(m[1], object, into)) return error;
  if (m[4].matched) into[object].insert(kGrantOption);
  return std::nullopt;
}

std::optional<std::string> ParseShown(const std::string& line, GrantSet& into) {
  static const std::regex kShown("^GRANT (.*?) ON " + kName + R"(\.)" + kName + " TO (.*)$");
  std::smatch m;
  if (!std::regex_match(line, m, kShown) || m[1].str().find('(') != std::string::npos) {
    return std::string("kilter manages privileges on databases and tables only");
  }
  GrantObject object{Unquote(m[2]), Unquote(m[3])};
  if (auto error = AddPrivileges(m[1], object, into)) return error;
  // The account part ends the line with the grant option and the limits.
  if (m[4].str().find(" WITH GRANT OPTION") != std::string::npos) {
    into[object].insert(kGrantOption);
  }
  return std::nullopt;
}

std::vector<std::string> Display(const GrantSet& grants) {
  std::vector<std::string> out;
  for (const auto& [object, privileges] : grants) {
    std::vector<std::string> names;
    for (const std::string& p : LevelOf(object)) {
      if (privileges.count(p)) names.push_back(p);
    }
    bool option = privileges.count(kGrantOption) > 0;
    if (names.empty() && !option) continue;
    out.push_back(List(names, object) + " ON " + object.Display() +
                  (option ? " WITH GRANT OPTION" : ""));
  }
  return out;
}

std::vector<std::string> Statements(const GrantSet& live, const GrantSet& want,
                                    const std::string& account) {
  std::set<GrantObject> objects;
  for (const auto& [o, _] : live) objects.insert(o);
  for (const auto& [o, _] : want) objects.insert(o);
  static const std::set<std::string> kNone;
  std::vector<std::string> revokes, grants;
  for (const GrantObject& o : objects) {
    const std::set<std::string>& have = live.count(o) ? live.at(o) : kNone;
    const std::set<std::string>& need = want.count(o) ? want.at(o) : kNone;
    std::vector<std::string> extra, missing;
    for (const std::string& p : LevelOf(o)) {
      if (have.count(p) && !need.count(p)) extra.push_back(p);
      if (need.count(p) && !have.count(p)) missing.push_back(p);
    }
    bool drop_option = have.count(kGrantOption) && !need.count(kGrantOption);
    bool add_option = need.count(kGrantOption) && !have.count(kGrantOption);
    if (!extra.empty()) {
      revokes.push_back(fmt::format("REVOKE {} ON {} FROM {}", List(extra, o), o.Sql(), account));
    }
    if (drop_option) revokes.push_back(fmt::format("REVOKE GRANT OPTION ON {} FROM {}", o.Sql(), account));
    if (!missing.empty() || add_option) {
      grants.push_back(fmt::format("GRANT {} ON {} TO {}{}", List(missing, o), o.Sql(), account,
                                   add_option ? " WITH GRANT OPTION" : ""));
    }
  }
  revokes.insert(revokes.end(), grants.begin(), grants.end());
  return revokes;
}

}  // namespace kilter::reconciler::mysql_user
