#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

/// Grants as privilege sets per object, so that order, case, whitespace and
/// `ALL PRIVILEGES` never make a difference: "select,INSERT on opencart.*"
/// and the server's "GRANT INSERT, SELECT ON `opencart`.* TO ..." are the
/// same grant.
namespace kilter::reconciler::mysql_user {

/// What a grant is on: *.* (global), db.* (a database) or db.table.
struct GrantObject {
  std::string db;     ///< "*" for global
  std::string table;  ///< "*" for a whole database

  /// "opencart.*", as the plan shows it.
  std::string Display() const;
  /// "`opencart`.*", as a statement writes it.
  std::string Sql() const;
  auto operator<=>(const GrantObject&) const = default;
};

/// Privileges per object; "GRANT OPTION" is one of them (WITH GRANT OPTION).
using GrantSet = std::map<GrantObject, std::set<std::string>>;

/// Parses one declared grant, "PRIVILEGES ON OBJECT [WITH GRANT OPTION]",
/// into `into` (merged with what is there). Returns an error message, or
/// nothing when it parsed. ALL [PRIVILEGES] expands to every privilege of
/// the object's level; USAGE adds none.
std::optional<std::string> ParseDeclared(const std::string& grant, GrantSet& into);

/// Parses one line of SHOW GRANTS ("GRANT ... ON ... TO `u`@`h` ...") into
/// `into`. Returns an error message (not quoting the line, which may hold
/// a password hash) for a line it cannot read as a privilege grant (a
/// role, a column or routine grant, PROXY).
std::optional<std::string> ParseShown(const std::string& line, GrantSet& into);

/// The set as the plan shows it: one line per object, privileges in the
/// server's order ("ALL PRIVILEGES" when all of the level's are there),
/// " WITH GRANT OPTION" when granted; objects with no privilege left out.
std::vector<std::string> Display(const GrantSet& grants);

/// The statements that turn `live` into `want` for `account`
/// ("'shop'@'10.0.0.%'"): REVOKEs of what is extra, then GRANTs of what is
/// missing, per object.
std::vector<std::string> Statements(const GrantSet& live, const GrantSet& want,
                                    const std::string& account);

}  // namespace kilter::reconciler::mysql_user
