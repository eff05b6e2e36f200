#include "reconciler/providers/mysql_user/mysql_user_provider.h"

#include <regex>

#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/redact.h"
#include "reconciler/plan/render.h"
#include "reconciler/providers/mysql_user/account.h"
#include "reconciler/providers/mysql_user/grant.h"
#include "reconciler/providers/mysql_user/password.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::mysql_user {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kRecord = "/var/lib/kilter/mysql.user.owned";
const std::string kPassword = "Tr0ub4dor&3";

/// A MariaDB server behind the fake transport: its accounts answer the
/// batch's listing, and CREATE/ALTER/DROP USER, GRANT and REVOKE change them.
struct FakeServer {
  struct Acct {
    std::string user, host, plugin = "mysql_native_password", auth;
    bool ssl = false;
    int max = 0;
    GrantSet grants;
  };
  std::map<std::string, Acct> accounts;
  std::vector<std::string> executed;  ///< every statement apply ran

  FakeServer() {
    Add("root", "localhost", "",
        {"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"});
  }

  void Add(const std::string& user, const std::string& host, const std::string& password,
           std::vector<std::string> shown) {
    Acct a{user, host, "mysql_native_password", password.empty() ? "" : NativeHash(password), false,
           0,    {}};
    for (const std::string& s : shown) REQUIRE(!ParseShown(s, a.grants));
    accounts[Account(user, host)] = a;
  }

  std::string Listing() const {
    std::string out;
    for (const auto& [key, a] : accounts) {
      out += json{{"user", a.user},
                  {"host", a.host},
                  {"plugin", a.plugin},
                  {"auth", a.auth},
                  {"ssl", a.ssl ? "ANY" : ""},
                  {"max", a.max}}
                 .dump() +
             "\n";
      std::string account = "`" + a.user + "`@`" + a.host + "`";
      out += "GRANT USAGE ON *.* TO " + account +
             (a.auth.empty() ? "" : " IDENTIFIED BY PASSWORD '" + a.auth + "'") + "\n";
      for (std::string line : Display(a.grants)) {
        std::string option = " WITH GRANT OPTION";
        bool with = line.size() > option.size() &&
                    line.compare(line.size() - option.size(), option.size(), option) == 0;
        if (with) line.resize(line.size() - option.size());
        out += "GRANT " + line + " TO " + account + (with ? option : "") + "\n";
      }
    }
    return out + "kilter:complete\n";
  }

  void Execute(const std::string& s) {
    static const std::regex kCreate(
        R"(CREATE USER ('.*'@'.*') IDENTIFIED BY PASSWORD '(.*)' REQUIRE (\w+) WITH MAX_USER_CONNECTIONS (\d+))");
    static const std::regex kPass(R"(ALTER USER ('.*'@'.*') IDENTIFIED BY PASSWORD '(.*)')");
    static const std::regex kGrant(R"(GRANT (.*) TO ('.*'@'.*?')( WITH GRANT OPTION)?)");
    static const std::regex kRevoke(R"(REVOKE (.*) FROM ('.*'@'.*'))");
    static const std::regex kDrop(R"(DROP USER ('.*'@'.*'))");
    static const std::regex kAccount(R"('(.*)'@'(.*)')");
    std::smatch m;
    executed.push_back(s);
    if (std::regex_match(s, m, kCreate)) {
      std::smatch n;
      std::string key = m[1];
      std::regex_match(key, n, kAccount);
      accounts[key] = {n[1], n[2], "mysql_native_password", m[2], m[3] == "SSL", std::stoi(m[4]),
                       {}};
    } else if (std::regex_match(s, m, kPass)) {
      accounts.at(m[1]).auth = m[2];
    } else if (std::regex_match(s, m, kGrant)) {
      REQUIRE(!ParseShown("GRANT " + m[1].str() + " TO x" + m[3].str(), accounts.at(m[2]).grants));
    } else if (std::regex_match(s, m, kRevoke)) {
      GrantSet gone;
      REQUIRE(!ParseShown("GRANT " + m[1].str() + " TO x", gone));
      for (const auto& [o, ps] : gone) {
        for (const std::string& p : ps) accounts.at(m[2]).grants[o].erase(p);
      }
    } else if (std::regex_match(s, m, kDrop)) {
      accounts.erase(m[1]);
    } else {
      FAIL("the fake server does not know " << s);
    }
  }

  void Serve(FakeTransport& t) {
    t.On("mariadb", [this](const Command& c) {
      if (c.stdin_data.find("SELECT CONCAT") != std::string::npos) {
        return CommandResult{0, Listing(), ""};
      }
      std::string sql = c.stdin_data;
      size_t start = 0;
      while (start < sql.size()) {
        size_t end = sql.find(";\n", start);
        Execute(sql.substr(start, end - start));
        start = end + 2;
      }
      return CommandResult{0, "", ""};
    });
  }
};

catalog::Resource User(const std::string& name, const std::string& user,
                       std::vector<std::string> grants) {
  catalog::Resource r;
  r.type = "mysql.user";
  r.name = name;
  r.host = "db1";
  r.fields = {{"user", user},
              {"host", "10.0.0.%"},
              {"plugin", "mysql_native_password"},
              {"password", kPassword},
              {"grants", grants},
              {"require_ssl", false},
              {"max_user_connections", 0},
              {"purpose", "application"},
              {"adopt", false}};
  r.sensitive = {"password"};
  r.source = {"specs/database.kilt", 40, 1};
  return r;
}

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = MakeMysqlUserProvider();
  FakeServer server;
  catalog::Resource app = User("app", "shop", {"SELECT, INSERT, UPDATE, DELETE ON opencart.*"});
  catalog::Resource sync = User("sync", "sync", {"SELECT, INSERT, UPDATE ON opencart.*"});
  std::vector<const catalog::Resource*> desired = {&app, &sync};
  json settings = testing::DefaultSettings("mysql.user");

  ProviderContext Context() { return {host, settings, desired, {}, nullptr}; }

  std::vector<Change> Plan(FakeTransport& t) {
    server.Serve(t);
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(t, ctx));
  }

  void Apply(FakeTransport& t, const std::vector<Change>& changes) {
    std::vector<Change> acting;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider->Apply(t, Context(), acting);
  }
};

/// Everything a change shows once the engine has redacted it.
std::string Visible(Change c) {
  Redact(c, {"password"});
  std::string out = c.live.dump() + c.desired.dump();
  for (const FieldChange& f : c.fields) out += f.before.dump() + f.after.dump();
  for (const Action& a : c.actions) out += a.summary + a.detail;
  for (const std::string& r : c.reasons) out += r;
  return out;
}

}  // namespace

TEST_CASE("mysql.user: one batch reads the record and every account", "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Plan(t);
  REQUIRE(t.commands().size() == 1);
  CHECK_THAT(t.log().at(1), Catch::Equals("batch F " + kRecord));
}

TEST_CASE("mysql.user: create, then nothing to do; the password never leaves kilter",
          "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  std::vector<std::string> summaries;
  for (const Action& a : plan[0].actions) summaries.push_back(a.summary);
  CHECK(summaries == std::vector<std::string>{
                         "record 'shop'@'10.0.0.%' in kilter's ownership record " + kRecord,
                         "CREATE USER 'shop'@'10.0.0.%' IDENTIFIED BY PASSWORD <hash of the "
                         "declared password> REQUIRE NONE WITH MAX_USER_CONNECTIONS 0",
                         "GRANT SELECT, INSERT, UPDATE, DELETE ON `opencart`.* TO "
                         "'shop'@'10.0.0.%'"});
  std::string hash = NativeHash(kPassword);
  for (const Change& c : plan) {
    CHECK(Visible(c).find(kPassword) == std::string::npos);
    CHECK(Visible(c).find(hash.substr(1)) == std::string::npos);
  }
  f.Apply(t, plan);
  CHECK(f.server.accounts.at("'shop'@'10.0.0.%'").auth == hash);
  for (const std::string& s : f.server.executed) CHECK(s.find(kPassword) == std::string::npos);
  CHECK(t.files().at(kRecord) ==
        "{\"key\":\"'shop'@'10.0.0.%'\",\"name\":\"app\"}\n"
        "{\"key\":\"'sync'@'10.0.0.%'\",\"name\":\"sync\"}\n");
  for (const Change& c : f.Plan(t)) CHECK(c.kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.user: a changed password is detected by its hash and set again", "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.app.fields["password"] = "another secret";
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  REQUIRE(plan[0].fields.size() == 1);
  CHECK(plan[0].fields[0].field == "password");
  CHECK(plan[0].fields[0].sensitive);
  CHECK(plan[0].actions.at(0).summary ==
        "ALTER USER 'shop'@'10.0.0.%' IDENTIFIED BY PASSWORD <hash of the declared password>");
  CHECK(plan[1].kind == ChangeKind::kNothing);
  f.Apply(t, plan);
  CHECK(f.server.accounts.at("'shop'@'10.0.0.%'").auth == NativeHash("another secret"));
  CHECK(f.Plan(t)[0].kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.user: an extra grant is revoked, a missing one granted", "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.Execute("GRANT DROP ON `opencart`.* TO 'shop'@'10.0.0.%'");
  f.app.fields["grants"] = {"select,insert,update,delete on opencart.*",
                            "SELECT ON opencart.oc_product"};
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  std::vector<std::string> sql;
  for (const Action& a : plan[0].actions) sql.push_back(a.summary);
  CHECK(sql ==
        std::vector<std::string>{"REVOKE DROP ON `opencart`.* FROM 'shop'@'10.0.0.%'",
                                 "GRANT SELECT ON `opencart`.`oc_product` TO 'shop'@'10.0.0.%'"});
  f.Apply(t, plan);
  CHECK(f.Plan(t)[0].kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.user: an account kilter created and no spec declares is dropped; root stays",
          "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.desired = {&f.app};
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan.size() == 2);
  CHECK(plan[1].kind == ChangeKind::kDelete);
  CHECK(plan[1].Address() == "mysql.user \"sync\" @ db1");
  CHECK(plan[1].destructive);
  CHECK(plan[1].actions.at(0).summary == "DROP USER 'sync'@'10.0.0.%'");
  f.server.executed.clear();
  f.Apply(t, plan);
  CHECK(f.server.executed == std::vector<std::string>{"DROP USER 'sync'@'10.0.0.%'"});
  CHECK(f.server.accounts.count("'sync'@'10.0.0.%'") == 0);
  CHECK(f.server.accounts.count("'root'@'localhost'") == 1);
  CHECK(t.files().at(kRecord) == "{\"key\":\"'shop'@'10.0.0.%'\",\"name\":\"app\"}\n");
  CHECK(f.Plan(t).size() == 1);
}

TEST_CASE("mysql.user: an account kilter did not create is refused, or adopted", "[mysql.user]") {
  Fixture f;
  f.desired = {&f.app};
  f.server.Add("shop", "10.0.0.%", kPassword,
               {"GRANT SELECT ON `opencart`.* TO `shop`@`10.0.0.%`"});
  FakeTransport t("db1");
  CHECK_THROWS_WITH(f.Plan(t),
                    Catch::Contains("the account 'shop'@'10.0.0.%' exists and kilter did not "
                                    "create it, and it is not as declared") &&
                        Catch::Contains("set adopt = true") &&
                        Catch::Contains("(specs/database.kilt:40:1)"));
  f.app.fields["grants"] = {"SELECT ON opencart.*"};
  std::vector<Change> same = f.Plan(t);
  CHECK(same[0].kind == ChangeKind::kNothing);
  CHECK_THAT(same[0].reasons.at(0), Catch::Contains("kilter did not create it"));
  f.desired = {};
  CHECK(f.Plan(t).empty());  // never dropped: not in the record
  f.desired = {&f.app};
  f.app.fields["adopt"] = true;
  f.app.fields["grants"] = {"SELECT, INSERT ON opencart.*"};
  std::vector<Change> adopt = f.Plan(t);
  REQUIRE(adopt[0].kind == ChangeKind::kUpdate);
  CHECK(adopt[0].actions.at(0).kind == "record");
  f.Apply(t, adopt);
  CHECK(t.files().at(kRecord) == "{\"key\":\"'shop'@'10.0.0.%'\",\"name\":\"app\"}\n");
  CHECK(f.Plan(t)[0].kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.user: a failed statement names itself, without the password", "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  std::string hash = NativeHash(kPassword);
  t.On("mariadb", [&](const Command& c) {
    if (c.stdin_data.find("SELECT CONCAT") != std::string::npos) return CommandResult{0, "", ""};
    return CommandResult{1, "",
                         "ERROR 1396 (HY000) at line 3: Operation CREATE USER failed "
                         "near '" +
                             hash + "'\n"};
  });
  CHECK_THROWS_WITH(f.Apply(t, plan),
                    Catch::Contains("statement 3 of 4: CREATE USER 'sync'@'10.0.0.%'") &&
                        !Catch::Contains(hash) && Catch::Contains("(sensitive)"));
  CHECK(t.files().count(kRecord) == 1);  // recorded before creating: nothing kilter made is lost
}

TEST_CASE("mysql.user: a client that cannot log in fails the read, naming the host",
          "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  t.On("mariadb", CommandResult{1, "",
                                "ERROR 1045 (28000): Access denied for user 'kilter'@'localhost' "
                                "(using password: YES)\n"});
  ProviderContext ctx = f.Context();
  CHECK_THROWS_WITH(f.provider->Read(t, ctx),
                    Catch::StartsWith("db1: mysql.user: reading the accounts: the server refused "
                                      "the login (ERROR 1045"));
  // A listing cut short (the first client died) is an error, not "no accounts".
  FakeTransport u("db1");
  u.On("mariadb", CommandResult{0, "", ""});
  CHECK_THROWS_WITH(f.provider->Read(u, ctx), Catch::Contains("reading the accounts"));
}

TEST_CASE("mysql.user: two resources declaring one account fail the plan", "[mysql.user]") {
  Fixture f;
  f.sync.fields["user"] = "shop";
  f.sync.source = {"specs/database.kilt", 50, 1};
  FakeTransport t("db1");
  CHECK_THROWS_WITH(f.Plan(t),
                    "db1: mysql.user \"app\" @ db1 and mysql.user \"sync\" @ db1 both "
                    "declare the account 'shop'@'10.0.0.%' (specs/database.kilt:40:1, "
                    "specs/database.kilt:50:1)");
}

TEST_CASE("mysql.user: a unix_socket account is created without a password", "[mysql.user]") {
  Fixture f;
  f.app.fields["plugin"] = "unix_socket";
  f.app.fields["password"] = "";
  f.desired = {&f.app};
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan[0].actions.size() == 3);
  CHECK(plan[0].actions[1].summary ==
        "CREATE USER 'shop'@'10.0.0.%' IDENTIFIED VIA unix_socket REQUIRE NONE WITH "
        "MAX_USER_CONNECTIONS 0");
  for (const FieldChange& fc : plan[0].fields) CHECK(fc.field != "password");
}

TEST_CASE("mysql.user: a declared account holding a role grant fails the plan, without its hash",
          "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  t.On("mariadb", [&](const Command& c) {
    std::string listing = f.server.Listing();
    listing.insert(listing.find("kilter:complete"), "GRANT `app_role` TO `sync`@`10.0.0.%`\n");
    return c.stdin_data.find("SELECT CONCAT") != std::string::npos ? CommandResult{0, listing, ""}
                                                                   : CommandResult{1, "", ""};
  });
  ProviderContext ctx = f.Context();
  LiveState live = f.provider->Read(t, ctx);
  CHECK(live.data.dump().find(NativeHash(kPassword).substr(1)) == std::string::npos);
  CHECK_THROWS_WITH(f.provider->Diff(ctx, live),
                    Catch::Contains("the account 'sync'@'10.0.0.%' holds a grant kilter cannot "
                                    "manage: GRANT `app_role` (kilter manages privileges on "
                                    "databases and tables only); revoke it by hand"));
}

TEST_CASE("mysql.user: plan of a create, an update and a drop, rendered (golden)", "[mysql.user]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.Execute("GRANT DROP ON `opencart`.* TO 'shop'@'10.0.0.%'");
  f.app.fields["password"] = "Ch4nged-Secret";
  catalog::Resource admin = User("dba", "dba", {"ALL PRIVILEGES ON *.* WITH GRANT OPTION"});
  admin.fields["purpose"] = "admin";
  admin.fields["host"] = "localhost";
  f.desired = {&f.app, &admin};
  Plan plan;
  plan.kind = "plan";
  plan.hosts = {HostPlan{"db1", f.Plan(t), {}, {}, {}}};
  for (Change& c : plan.hosts[0].changes) {
    c.fingerprint = "sha256:0000";
    Redact(c, {"password"});
  }
  std::string text = RenderText(plan, {});
  CHECK(text.find("Ch4nged-Secret") == std::string::npos);
  testing::CheckPlanGolden("mysql-user-plan.txt", text);
}

}  // namespace kilter::reconciler::mysql_user
