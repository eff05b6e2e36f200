#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/mysql_user/grant.h"

/// One MySQL/MariaDB account as mysql.user reads it: no password and no
/// hash of one, only whether the stored hash is the declared password's.
namespace kilter::reconciler::mysql_user {

/// "'shop'@'10.0.0.%'": the account as the server's QUOTE() writes it, the
/// key of accounts in the live state and the ownership record, and how
/// statements name it.
std::string Account(const std::string& user, const std::string& host);

/// What the server holds for one account.
struct AccountState {
  std::string user;
  std::string host;
  std::string plugin;        ///< "mysql_native_password", "unix_socket", ...
  std::string password;      ///< kSame, kOther or "" (no password / not compared)
  bool require_ssl = false;  ///< ssl_type is not empty
  int max_user_connections = 0;
  GrantSet grants;

  nlohmann::json ToJson() const;
  /// Throws std::invalid_argument on a document ToJson did not write.
  static AccountState FromJson(const nlohmann::json& json);
};

/// The stored hash is the declared password's, or another one's.
inline constexpr const char* kSame = "the declared password";
inline constexpr const char* kOther = "another password";

/// What Read found on a host: the declared and owned accounts that exist,
/// by Account(), and kilter's ownership record.
struct HostState {
  std::map<std::string, AccountState> accounts;
  std::map<std::string, std::string> owned;  ///< kit::OwnedRecord
  std::string record_path;
  /// Accounts holding a grant kilter cannot manage: key -> why (the grant
  /// up to its account, never the line's password hash).
  std::map<std::string, std::string> unreadable;

  nlohmann::json ToJson() const;
  static HostState FromJson(const nlohmann::json& json);
};

}  // namespace kilter::reconciler::mysql_user
