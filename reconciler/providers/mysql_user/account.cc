#include "reconciler/providers/mysql_user/account.h"

#include <stdexcept>

namespace kilter::reconciler::mysql_user {

using nlohmann::json;

namespace {

/// MariaDB's QUOTE(): backslash, quote, NUL and Ctrl-Z escaped.
std::string QuoteSql(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\0':
        out += "\\0";
        break;
      case '\x1a':
        out += "\\Z";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string Account(const std::string& user, const std::string& host) {
  return QuoteSql(user) + "@" + QuoteSql(host);
}

json AccountState::ToJson() const {
  json g = json::array();
  for (const auto& [object, privileges] : grants) {
    if (privileges.empty()) continue;
    g.push_back({{"db", object.db}, {"table", object.table}, {"privileges", privileges}});
  }
  return {{"user", user},
          {"host", host},
          {"plugin", plugin},
          {"password", password},
          {"require_ssl", require_ssl},
          {"max_user_connections", max_user_connections},
          {"grants", g}};
}

AccountState AccountState::FromJson(const json& j) {
  try {
    AccountState a;
    a.user = j.at("user").get<std::string>();
    a.host = j.at("host").get<std::string>();
    a.plugin = j.at("plugin").get<std::string>();
    a.password = j.at("password").get<std::string>();
    a.require_ssl = j.at("require_ssl").get<bool>();
    a.max_user_connections = j.at("max_user_connections").get<int>();
    for (const json& g : j.at("grants")) {
      GrantObject o{g.at("db").get<std::string>(), g.at("table").get<std::string>()};
      a.grants[o] = g.at("privileges").get<std::set<std::string>>();
    }
    return a;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("the live state of an account is malformed: ") +
                                e.what());
  }
}

json HostState::ToJson() const {
  json a = json::object();
  for (const auto& [key, state] : accounts) a[key] = state.ToJson();
  return {{"accounts", a}, {"owned", owned}, {"record", record_path}, {"unreadable", unreadable}};
}

HostState HostState::FromJson(const json& j) {
  HostState h;
  try {
    for (const auto& [key, state] : j.at("accounts").items()) {
      h.accounts[key] = AccountState::FromJson(state);
    }
    h.owned = j.at("owned").get<std::map<std::string, std::string>>();
    h.record_path = j.at("record").get<std::string>();
    h.unreadable = j.at("unreadable").get<std::map<std::string, std::string>>();
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("the live state is malformed: ") + e.what());
  }
  return h;
}

}  // namespace kilter::reconciler::mysql_user
