#include "reconciler/providers/mysql_encryption/mysql_encryption_provider.h"

#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/mysql_encryption/key_file.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"

namespace kilter::reconciler::mysql_encryption {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kKey = "1;" + std::string(64, 'a') + "\n";
const std::string kKeyPath = "/etc/mysql/encryption/keyfile";
const std::string kFile = "/etc/mysql/mariadb.conf.d/kilter-opencart.cnf";

/// A MariaDB server behind the fake transport: the plugin loads and the
/// variables take kilter's file at a restart; the threads encrypt every
/// table not ENCRYPTED=NO while innodb_encrypt_tables is ON; ALTER TABLE
/// ENCRYPTED=YES encrypts one.
struct FakeServer {
  bool plugin = false;
  std::map<std::string, std::string> vars = {{"innodb_encrypt_tables", "OFF"},
                                             {"innodb_encrypt_log", "OFF"},
                                             {"innodb_encrypt_temporary_tables", "OFF"},
                                             {"innodb_encryption_threads", "0"}};
  std::map<std::string, std::pair<std::string, bool>> tables = {
      {"opencart.oc_product", {"", false}}, {"opencart.oc_order", {"", false}}};
  std::set<std::string> rotating;  ///< tables the threads are at work on
  int restarts = 0;

  void Serve(FakeTransport& t) {
    t.On("mariadb", [this](const Command& c) {
      static const std::regex kAlter(
          R"(ALTER TABLE `(\w+)`.`(\w+)` (ENGINE=InnoDB )?ENCRYPTED=YES;)");
      static const std::regex kSet(R"(SET GLOBAL (\w+) = (\S+);)");
      std::smatch m;
      std::string sql = c.stdin_data;
      for (std::sregex_iterator it(sql.begin(), sql.end(), kAlter), end; it != end; ++it) {
        tables[(*it)[1].str() + "." + (*it)[2].str()] = {"ENCRYPTED=YES", true};
      }
      if (std::regex_search(sql, m, kSet)) vars[m[1]] = m[2];
      if (sql.find("information_schema") == std::string::npos) return CommandResult{0, "", ""};
      std::string out = json{{"plugin", plugin ? "ACTIVE" : ""}}.dump() + "\n";
      for (const auto& [k, v] : vars) out += json{{"variable", k}, {"value", v}}.dump() + "\n";
      if (plugin) {
        out += json{{"variable", "file_key_management_filename"}, {"value", kKeyPath}}.dump() +
               "\n";
      }
      for (const auto& [name, t] : tables) {
        out += json{{"table", name}, {"engine", t.first == "MyISAM" ? "MyISAM" : "InnoDB"},
                    {"options", t.first},
                    {"scheme", t.second ? 1 : 0}, {"min_key_version", t.second ? 1 : 0},
                    {"current_key_version", 1}, {"rotating", rotating.count(name)}}
                   .dump() +
               "\n";
      }
      return CommandResult{0, out, ""};
    });
    t.On("stat -L", [&t](const Command&) {
      auto it = t.files().find(kKeyPath);
      if (it == t.files().end()) return CommandResult{0, "", ""};
      return CommandResult{0, "600 mysql\n" + kit::Sha256Hex(it->second) + "  -\n", ""};
    });
    t.On("mariadbd", CommandResult{0, "", ""});
    t.On("systemctl restart mariadb", [this, &t](const Command&) {
      ++restarts;
      const std::string& file = t.files()[kFile];
      plugin = file.find("plugin_load_add = file_key_management") != std::string::npos;
      static const std::regex kLine(R"(^(innodb_\w+) = (\w+)$)", std::regex::multiline);
      for (std::sregex_iterator it(file.begin(), file.end(), kLine), end; it != end; ++it) {
        vars[(*it)[1].str()] = (*it)[2].str();
      }
      if (plugin && vars["innodb_encrypt_tables"] == "ON") {
        for (auto& [name, tbl] : tables) {
          tbl.second = tbl.second || (tbl.first.empty() || tbl.first == "ENCRYPTED=YES");
        }
      }
      return CommandResult{0, "", ""};
    });
  }
};

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", json::object()};
  MysqlEncryptionProvider provider;
  FakeServer server;
  catalog::Resource db;
  json settings = testing::DefaultSettings("mysql.encryption");

  Fixture() {
    db.type = "mysql.encryption";
    db.name = "opencart";
    db.host = "db1";
    db.fields = {{"key_file", kKey}, {"tables", "all"},   {"redo_log", true},
                 {"temporary", true}, {"threads", 4},      {"restart", "allowed"},
                 {"convert_to_innodb", false}};
    db.sensitive = {"key_file"};
    db.source = {"specs/db.kilt", 3, 1};
    settings["encrypt_timeout"] = 1;
  }

  ProviderContext Context() { return {host, settings, {&db}, {}, nullptr}; }

  std::vector<Change> Plan(FakeTransport& t) {
    server.Serve(t);
    ProviderContext ctx = Context();
    return provider.Diff(ctx, provider.Read(t, ctx));
  }

  void Apply(FakeTransport& t, const std::vector<Change>& changes) {
    std::vector<Change> acting;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider.Apply(t, Context(), acting);
  }
};

std::string Text(const Change& c) {
  std::string out;
  for (const FieldChange& f : c.fields) out += "field: " + f.field + "\n";
  for (const std::string& r : c.reasons) out += r + "\n";
  for (const std::string& p : c.problems) out += "problem: " + p + "\n";
  for (const Action& a : c.actions) out += a.kind + ": " + a.summary + "\n" + a.detail + "\n";
  return out;
}

}  // namespace

TEST_CASE("mysql.encryption: one batch reads the server, the key's digest and the files",
          "[mysql.encryption]") {
  Fixture f;
  FakeTransport t("db1");
  f.Plan(t);
  CHECK(t.commands().size() == 1);
}

TEST_CASE("mysql.encryption: apply writes the key 0600 and the option file, restarts, and "
          "every table is encrypted",
          "[mysql.encryption]") {
  Fixture f;
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  std::string text = Text(plan[0]);
  CHECK(text.find(std::string(64, 'a')) == std::string::npos);
  CHECK_THAT(text, Catch::Contains("write /etc/mysql/encryption/keyfile (mode 0600, owner mysql)"));
  CHECK_THAT(text, Catch::Contains("restart the MariaDB server"));
  f.Apply(t, plan);
  CHECK(t.files().at(kKeyPath) == kKey);
  CHECK(f.server.restarts == 1);
  CHECK_THAT(t.files().at(kFile), Catch::Contains("plugin_load_add = file_key_management\n"
                                                  "file_key_management_filename = " + kKeyPath));
  std::vector<Change> again = f.Plan(t);
  CHECK(again[0].kind == ChangeKind::kNothing);
  CHECK(Text(again[0]).empty());
}

TEST_CASE("mysql.encryption: a table altered ENCRYPTED=NO is drift naming it, and apply "
          "encrypts it",
          "[mysql.encryption]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.tables["opencart.oc_hand"] = {"`ENCRYPTED`='NO'", false};
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].cause == DriftCause::kLiveChanged);
  CHECK_THAT(Text(plan[0]),
             Catch::Contains("opencart.oc_hand is not encrypted: it was created or altered "
                             "ENCRYPTED=NO") &&
                 Catch::Contains("sql: ALTER TABLE `opencart`.`oc_hand` ENCRYPTED=YES"));
  f.Apply(t, plan);
  CHECK(f.server.tables["opencart.oc_hand"].second);
  CHECK(f.Plan(t)[0].kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.encryption: a MyISAM table is a problem, or converted with convert_to_innodb",
          "[mysql.encryption]") {
  Fixture f;
  f.server.tables["opencart.oc_setting"] = {"MyISAM", false};
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kNothing);
  CHECK_THAT(Text(plan[0]), Catch::Contains("problem: opencart.oc_setting is not encrypted: it is "
                                            "a MyISAM table"));
  f.db.fields["convert_to_innodb"] = true;
  plan = f.Plan(t);
  CHECK_THAT(
      Text(plan[0]),
      Catch::Contains("sql: ALTER TABLE `opencart`.`oc_setting` ENGINE=InnoDB ENCRYPTED=YES"));
  f.Apply(t, plan);
  CHECK(f.Plan(t)[0].kind == ChangeKind::kNothing);
}

TEST_CASE("mysql.encryption: without restart = \"allowed\" the plugin is restart pending and "
          "the tables wait for it",
          "[mysql.encryption]") {
  Fixture f;
  f.db.fields["restart"] = "never";
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  CHECK(f.server.restarts == 0);
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kNothing);
  CHECK_THAT(Text(plan[0]), Catch::Contains("restart pending") &&
                                Catch::Contains("opencart.oc_order is not encrypted: it waits "
                                                "for the server restart"));
}

TEST_CASE("mysql.encryption: a table the threads are still rotating is a problem, not an action",
          "[mysql.encryption]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.tables["opencart.oc_order"] = {"", false};
  f.server.rotating.insert("opencart.oc_order");
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kNothing);
  CHECK_THAT(Text(plan[0]), Catch::Contains("problem: opencart.oc_order is not encrypted yet: "
                                            "still rotating"));
}

TEST_CASE("mysql.encryption: another key on the host is never replaced", "[mysql.encryption]") {
  Fixture f;
  FakeTransport t("db1");
  t.files()[kKeyPath] = "1;" + std::string(64, 'b') + "\n";
  std::vector<Change> plan = f.Plan(t);
  CHECK_THAT(Text(plan[0]), Catch::Contains("holds another key than the declared one"));
  CHECK(Text(plan[0]).find("write " + kKeyPath) == std::string::npos);
}

TEST_CASE("mysql.encryption: a key the plugin would not load fails the plan without showing it",
          "[mysql.encryption]") {
  CHECK_FALSE(KeyFileError(kKey).has_value());
  CHECK_FALSE(
      KeyFileError("# keys\n1;" + std::string(32, 'F') + "\n2;" + std::string(48, '0')).has_value());
  CHECK(KeyFileError("2;" + std::string(64, 'a')) ==
        "the key has no key 1 (`1;HEX`), the key InnoDB encrypts tables with");
  std::string bad = "1;secretvalue\n";
  std::optional<std::string> e = KeyFileError(bad);
  REQUIRE(e.has_value());
  CHECK_THAT(*e, Catch::StartsWith("line 1 of the key is not `ID;HEX`"));
  CHECK(e->find("secretvalue") == std::string::npos);
  Fixture f;
  f.db.fields["key_file"] = bad;
  FakeTransport t("db1");
  CHECK_THROWS_WITH(f.Plan(t), Catch::Contains("key_file: line 1") &&
                                   !Catch::Contains("secretvalue"));
}

}  // namespace kilter::reconciler::mysql_encryption
