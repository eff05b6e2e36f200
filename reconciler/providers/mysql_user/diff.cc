#include "reconciler/providers/mysql_user/diff.h"

#include <fmt/format.h>

#include "reconciler/plan/redact.h"
#include "reconciler/providers/mysql_user/settings.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_user {

using nlohmann::json;

namespace {

std::string Where(const catalog::Resource& r) {
  return fmt::format("{}:{}:{}", r.source.file, r.source.line, r.source.col);
}

std::string RecordAction(bool add, const std::string& account, const std::string& path) {
  return fmt::format("{} {} {} kilter's ownership record {}", add ? "record" : "remove", account,
                     add ? "in" : "from", path);
}

/// The declared account as an AccountState (password: kSame when declared).
AccountState Wanted(const catalog::Resource& r) {
  AccountState a;
  a.user = r.fields.value("user", "");
  a.host = r.fields.value("host", "");
  a.plugin = r.fields.value("plugin", "");
  a.password = a.plugin == "mysql_native_password" ? kSame : "";
  a.require_ssl = r.fields.value("require_ssl", false);
  a.max_user_connections = r.fields.value("max_user_connections", 0);
  a.grants = DeclaredGrants(r);
  return a;
}

std::string Identified(const AccountState& a) {
  return a.plugin == "mysql_native_password"
             ? fmt::format("IDENTIFIED BY PASSWORD {}", kHashPlaceholder)
             : fmt::format("IDENTIFIED VIA {}", a.plugin);
}

void AddSql(Change& c, const std::string& statement) {
  c.actions.push_back({"sql", statement, ""});
}

/// The field lines and statements that turn `have` into `want`.
void Compare(Change& c, const AccountState& have, const AccountState& want,
             const std::string& account) {
  bool other_password = want.plugin == "mysql_native_password" && have.plugin == want.plugin &&
                        have.password != kSame;
  if (have.plugin != want.plugin) c.fields.push_back({"plugin", have.plugin, want.plugin});
  if (other_password) {
    c.fields.push_back({"password", kRedacted, kRedacted, true});
    c.reasons.push_back(
        "the password's hash on the server is not the declared password's (compared with the "
        "server's mysql_native_password hash, computed by kilter)");
  }
  if (have.plugin != want.plugin || other_password) {
    AddSql(c, fmt::format("ALTER USER {} {}", account, Identified(want)));
  }
  if (have.require_ssl != want.require_ssl) {
    c.fields.push_back({"require_ssl", have.require_ssl, want.require_ssl});
    AddSql(c, fmt::format("ALTER USER {} REQUIRE {}", account, want.require_ssl ? "SSL" : "NONE"));
  }
  if (have.max_user_connections != want.max_user_connections) {
    c.fields.push_back(
        {"max_user_connections", have.max_user_connections, want.max_user_connections});
    AddSql(c, fmt::format("ALTER USER {} WITH MAX_USER_CONNECTIONS {}", account,
                          want.max_user_connections));
  }
  std::vector<std::string> before = Display(have.grants), after = Display(want.grants);
  if (before != after) {
    c.fields.push_back({"grants", before, after});
    for (const std::string& s : Statements(have.grants, want.grants, account)) AddSql(c, s);
  }
}

Change Declared(const std::string& host, const catalog::Resource& r, const HostState& live) {
  Change c = Change::Of(r);
  AccountState want = Wanted(r);
  std::string account = Account(want.user, want.host);
  auto found = live.accounts.find(account);
  auto owner = live.owned.find(account);
  if (auto why = live.unreadable.find(account); why != live.unreadable.end()) {
    throw ProviderError(
        fmt::format("{}: {}: the account {} holds a grant kilter cannot manage: "
                    "{}; revoke it by hand ({})",
                    host, r.Address(), account, why->second, Where(r)));
  }
  bool owned = owner != live.owned.end();
  std::string record = RecordAction(true, account, live.record_path);
  if (found == live.accounts.end()) {
    c.kind = ChangeKind::kCreate;
    if (owned) c.cause = DriftCause::kMissing;
    c.fields.push_back({"plugin", nullptr, want.plugin});
    if (want.plugin == "mysql_native_password") {
      c.fields.push_back({"password", nullptr, kRedacted, true});
    }
    c.fields.push_back({"require_ssl", nullptr, want.require_ssl});
    c.fields.push_back({"max_user_connections", nullptr, want.max_user_connections});
    c.fields.push_back({"grants", nullptr, Display(want.grants)});
    if (!owned || owner->second != r.name) c.actions.push_back({"record", record, ""});
    AddSql(c, fmt::format("CREATE USER {} {} REQUIRE {} WITH MAX_USER_CONNECTIONS {}", account,
                          Identified(want), want.require_ssl ? "SSL" : "NONE",
                          want.max_user_connections));
    for (const std::string& s : Statements({}, want.grants, account)) AddSql(c, s);
    return c;
  }
  const AccountState& have = found->second;
  c.live = have.ToJson();
  Compare(c, have, want, account);
  bool adopt = r.fields.value("adopt", false);
  if (!owned && !adopt) {
    if (!c.fields.empty()) {
      throw ProviderError(fmt::format(
          "{}: {}: the account {} exists and kilter did not create it, and it is not as "
          "declared; kilter changes only accounts it owns: set adopt = true to take it over (its "
          "password, grants and limits become the declared ones, and kilter drops it once no "
          "spec declares it), or declare another account ({})",
          host, r.Address(), account, Where(r)));
    }
    c.reasons.push_back(fmt::format(
        "{} exists as declared, but kilter did not create it: kilter will not change or drop it "
        "(adopt = true hands it to kilter)",
        account));
    return c;
  }
  if (!owned || owner->second != r.name) {
    c.actions.insert(c.actions.begin(), {"record", record, ""});
    c.reasons.push_back(owned ? fmt::format("{} was recorded for {}; the record follows the "
                                            "resource's new name",
                                            account, owner->second)
                              : fmt::format("adopt = true: kilter takes over {}, which it did not "
                                            "create",
                                            account));
  }
  c.kind = c.actions.empty() ? ChangeKind::kNothing : ChangeKind::kUpdate;
  return c;
}

}  // namespace

GrantSet DeclaredGrants(const catalog::Resource& r) {
  GrantSet grants;
  for (const json& g : r.fields.value("grants", json::array())) {
    if (auto error = ParseDeclared(g.get<std::string>(), grants)) {
      throw ProviderError(fmt::format("{}: grant \"{}\": {} ({})", r.Address(),
                                      g.get<std::string>(), *error, Where(r)));
    }
  }
  return grants;
}

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const HostState& live) {
  std::vector<Change> changes;
  std::map<std::string, const catalog::Resource*> declared;
  for (const catalog::Resource* r : desired) {
    std::string account = Account(r->fields.value("user", ""), r->fields.value("host", ""));
    auto [it, fresh] = declared.emplace(account, r);
    if (!fresh) {
      throw ProviderError(fmt::format("{}: {} and {} both declare the account {} ({}, {})", host,
                                      it->second->Address(), r->Address(), account,
                                      Where(*it->second), Where(*r)));
    }
    changes.push_back(Declared(host, *r, live));
  }
  for (const auto& [account, name] : live.owned) {
    if (declared.count(account)) continue;
    auto found = live.accounts.find(account);
    std::string forget = RecordAction(false, account, live.record_path);
    if (found == live.accounts.end()) {
      Change c = Change::Deleted(kType, name, host,
                                 fmt::format("kilter created {}, which no spec declares any more "
                                             "and is gone from the server: kilter forgets it",
                                             account));
      c.live = {{"account", account}};
      c.actions.push_back({"record", forget, ""});
      changes.push_back(std::move(c));
      continue;
    }
    Change c =
        Change::Deleted(kType, name, host,
                        fmt::format("kilter created {} and no spec declares it any more", account));
    c.live = found->second.ToJson();
    c.live["account"] = account;
    c.destructive = true;
    AddSql(c, fmt::format("DROP USER {}", account));
    c.actions.push_back({"record", forget, ""});
    changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace kilter::reconciler::mysql_user
