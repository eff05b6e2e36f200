#include "reconciler/providers/mysql_user/import.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/kit/owned_record.h"
#include "reconciler/providers/mysql_user/host_read.h"
#include "reconciler/providers/mysql_user/settings.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql_user {

namespace {

/// The accounts the schema refuses to declare: never imported.
const std::set<std::string> kSystem = {"root", "mariadb.sys", "mysql", "mysql.sys",
                                       "mysql.session"};

/// DB_PASSWORD_SHOP for user "shop": the variable the imported spec reads.
std::string Variable(const std::string& user) {
  std::string out = "DB_PASSWORD_";
  for (unsigned char c : user) out += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

kit::SpecResource ResourceOf(const std::string& host, const std::string& name,
                             const AccountState& a, bool owned) {
  kit::SpecResource r{
      kType,
      name,
      host,
      {{"user", kit::SpecValue::String(a.user), ""}, {"host", kit::SpecValue::String(a.host), ""}},
      owned ? "created by kilter" : ""};
  if (a.plugin == "unix_socket") {
    r.fields.push_back({"plugin", kit::SpecValue::String(a.plugin), ""});
  } else {
    r.fields.push_back({"password", kit::SpecValue::Env(Variable(a.user)),
                        fmt::format("kilter cannot read a password back: set {} to {}'s "
                                    "password, else the plan sets the variable's value",
                                    Variable(a.user), a.user)});
  }
  std::vector<kit::SpecValue> grants;
  for (const std::string& g : Display(a.grants)) grants.push_back(kit::SpecValue::String(g));
  r.fields.push_back({"grants", kit::SpecValue::List(grants), ""});
  if (a.require_ssl) r.fields.push_back({"require_ssl", kit::SpecValue::Bool(true), ""});
  if (a.max_user_connections != 0) {
    r.fields.push_back({"max_user_connections", kit::SpecValue::Int(a.max_user_connections), ""});
  }
  bool broad = std::any_of(a.grants.begin(), a.grants.end(), [](const auto& g) {
    return (g.first.db == "*" && !g.second.empty()) || g.second.count("GRANT OPTION");
  });
  if (broad) r.fields.push_back({"purpose", kit::SpecValue::String("admin"), ""});
  return r;
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"user",
           "an account's user name (default: every account but root and the "
           "server's own)"}};
}

kit::SpecFile ImportedAccounts(const std::string& host, const HostState& state,
                               const ImportRequest& request,
                               const std::vector<std::string>& declared) {
  kit::SpecFile out;
  for (const auto& [key, a] : state.accounts) {
    if (a.user.empty() || kSystem.count(a.user) || !request.Admits("user", a.user)) continue;
    if (std::find(declared.begin(), declared.end(), key) != declared.end()) continue;
    if (auto why = state.unreadable.find(key); why != state.unreadable.end()) {
      out.notes += fmt::format("not imported: {} holds a grant kilter cannot manage: {}\n", key,
                               why->second);
      continue;
    }
    if (a.plugin != "mysql_native_password" && a.plugin != "unix_socket") {
      out.notes += fmt::format(
          "not imported: {} authenticates with {}, which mysql.user cannot "
          "declare\n",
          key, a.plugin);
      continue;
    }
    auto owner = state.owned.find(key);
    bool owned = owner != state.owned.end();
    out.resources.push_back(
        ResourceOf(host, owned ? owner->second : a.user + "@" + a.host, a, owned));
  }
  for (const std::string& user : request.Values("user")) {
    bool found = std::any_of(state.accounts.begin(), state.accounts.end(),
                             [&](const auto& a) { return a.second.user == user; });
    if (!found) out.notes += "not imported: no account of user " + user + "\n";
  }
  return out;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  Settings settings = TypedSettings<Settings>(context.settings, kType);
  std::string record = kit::OwnedRecordPath(context.state_dir, kType);
  std::vector<std::string> declared;
  for (const catalog::Resource* r : context.desired) {
    declared.push_back(Account(r->fields.value("user", ""), r->fields.value("host", "")));
  }
  kit::BatchResult read =
      kit::Read(transport, ReadBatchFor(settings, record), context.host.name, kType);
  HostState state = StateFrom(context.host.name, settings, record, {}, read, true);
  return ImportedAccounts(context.host.name, state, request, declared);
}

}  // namespace kilter::reconciler::mysql_user
