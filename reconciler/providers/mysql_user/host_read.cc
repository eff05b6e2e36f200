#include "reconciler/providers/mysql_user/host_read.h"

#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/kit/owned_record.h"
#include "reconciler/providers/mysql_user/password.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_user {

using nlohmann::json;

namespace {

constexpr const char* kUsers = "users";
constexpr const char* kComplete = "kilter:complete";

/// The first client's SQL: per account, the statements the second runs.
/// The last line proves the first client got to the end.
const char* const kListSql =
    "SELECT CONCAT('SELECT JSON_OBJECT(''user'',User,''host'',Host,''plugin'',plugin,"
    "''auth'',authentication_string,''ssl'',ssl_type,''max'',max_user_connections)"
    " FROM mysql.user WHERE User=',QUOTE(User),' AND Host=',QUOTE(Host),"
    "'; SHOW GRANTS FOR ',QUOTE(User),'@',QUOTE(Host),';')"
    " FROM mysql.user WHERE is_role='N' ORDER BY User, Host;\n"
    "SELECT 'SELECT ''kilter:complete'';';\n";

}  // namespace

kit::ReadBatch ReadBatchFor(const Settings& settings, const std::string& record_path) {
  kit::ReadBatch batch;
  batch.AddFile(record_path);
  Command list = mysql::ClientCommand(settings, kListSql);
  Command run = mysql::ClientCommand(settings, "");
  batch.AddCommand(kUsers, list.Display() + " | " + run.Display(), list.stdin_data);
  return batch;
}

HostState StateFrom(const std::string& host, const Settings& settings,
                    const std::string& record_path,
                    const std::map<std::string, std::string>& passwords,
                    const kit::BatchResult& read, bool all) {
  HostState state;
  state.record_path = record_path;
  const kit::FileRead& record = read.File(record_path);
  if (record.exists) {
    try {
      state.owned = kit::ParseOwnedRecord(record.content);
    } catch (const std::exception& e) {
      throw ProviderError(fmt::format("{}: mysql.user: {}: {}", host, record_path, e.what()));
    }
  }
  const kit::CommandRead& users = read.Command(kUsers);
  if (!users.ok() || users.out.find(kComplete) == std::string::npos) {
    CommandResult result{users.ok() ? 1 : users.exit_code, users.out, users.err};
    throw ProviderError(
        mysql::DescribeFailure(host + ": mysql.user: reading the accounts: ", settings, result));
  }
  std::istringstream in(users.out);
  std::string line;
  AccountState* current = nullptr;
  while (std::getline(in, line)) {
    if (line == kComplete) break;
    if (!line.empty() && line.front() == '{') {
      json row = json::parse(line, nullptr, false);
      if (!row.is_object()) {
        throw ProviderError(fmt::format("{}: mysql.user: unreadable account row", host));
      }
      std::string key = Account(row.value("user", ""), row.value("host", ""));
      auto declared = passwords.find(key);
      if (!all && declared == passwords.end() && !state.owned.count(key)) {
        current = nullptr;
        continue;
      }
      AccountState& a = state.accounts[key];
      a.user = row.value("user", "");
      a.host = row.value("host", "");
      a.plugin = row.value("plugin", "");
      a.require_ssl = !row.value("ssl", "").empty();
      a.max_user_connections = row["max"].is_number() ? row["max"].get<int>() : 0;
      std::string auth = row.value("auth", "");
      if (declared != passwords.end() && !declared->second.empty() && !auth.empty()) {
        a.password = auth == NativeHash(declared->second) ? kSame : kOther;
      } else if (!auth.empty()) {
        a.password = kOther;
      }
      current = &a;
      continue;
    }
    if (!current || line.rfind("GRANT ", 0) != 0) continue;
    if (auto error = ParseShown(line, current->grants)) {
      // The line may carry the account's password hash: keep it up to the account.
      state.unreadable[Account(current->user, current->host)] =
          fmt::format("{} ({})", line.substr(0, line.find(" TO ")), *error);
    }
  }
  return state;
}

}  // namespace kilter::reconciler::mysql_user
