#include "reconciler/providers/mysql_server/mysql_server_provider.h"

#include <algorithm>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/render.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::mysql_server {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kFile = "/etc/mysql/mariadb.conf.d/kilter-opencart.cnf";

/// A MariaDB server behind the fake transport: SYSTEM_VARIABLES from
/// `vars`, SET GLOBAL changes them (or refuses a word listed in `refused`),
/// and my_print_defaults lists `options` then what kilter's file sets.
struct FakeServer {
  struct Var {
    std::string value, type;
    bool read_only = false;
    std::string min = "0", max = "100000";
    int block = 1;
  };
  std::map<std::string, Var> vars = {
      {"max_connections", {"151", "BIGINT UNSIGNED", false, "10", "100000"}},
      {"long_query_time", {"10.000000", "DOUBLE", false, "0", "31536000", 0}},
      {"slow_query_log", {"OFF", "BOOLEAN"}},
      {"back_log", {"80", "BIGINT UNSIGNED", true, "1", "65535"}},
  };
  std::vector<std::pair<std::string, std::string>> options = {{"max_connections", "151"}};
  std::set<std::string> refused;
  std::string check_error;  ///< what the config check says when it fails
  int restarts = 0;

  void Serve(FakeTransport& t) {
    t.On("mariadb", [this](const Command& c) {
      static const std::regex kSet(R"(SET GLOBAL (\w+) = (\S+);)");
      std::smatch m;
      if (std::regex_search(c.stdin_data, m, kSet)) {
        if (refused.count(m[2])) {
          return CommandResult{1, "", "ERROR 1231 (42000) at line 1: Variable '" +
                                          m[1].str() + "' can't be set to the value of '" +
                                          m[2].str() + "'\n"};
        }
        vars.at(m[1]).value = m[2];
        return CommandResult{0, "", ""};
      }
      std::string out = json{{"name", "@version"}, {"value", "10.11.6-MariaDB"}}.dump() + "\n";
      for (const auto& [name, v] : vars) {
        std::string upper = name;
        for (char& ch : upper) ch = static_cast<char>(std::toupper(ch));
        if (c.stdin_data.find("'" + upper + "'") == std::string::npos) continue;
        out += json{{"name", upper},       {"value", v.value},
                    {"type", v.type},      {"read_only", v.read_only ? "YES" : "NO"},
                    {"min", v.min},        {"max", v.max},
                    {"block", std::to_string(v.block)}, {"values", nullptr}}
                   .dump() +
               "\n";
      }
      return CommandResult{0, out, ""};
    });
    t.On("my_print_defaults", [this, &t](const Command&) {
      std::string out;
      for (const auto& [k, v] : options) out += "--" + k + "=" + v + "\n";
      // The include directory's files in name order, as the server reads them.
      for (const auto& [path, content] : t.files()) {
        if (path.rfind("/etc/mysql/mariadb.conf.d/", 0) != 0) continue;
        static const std::regex kLine(R"(^(\w+) = (.*)$)", std::regex::multiline);
        for (std::sregex_iterator it(content.begin(), content.end(), kLine), end; it != end;
             ++it) {
          out += "--" + (*it)[1].str() + "=" + (*it)[2].str() + "\n";
        }
      }
      return CommandResult{0, out, ""};
    });
    t.On("mariadbd", [this](const Command&) {
      return CommandResult{check_error.empty() ? 0 : 7, "", check_error};
    });
    // A restart starts the server with what kilter's file persists.
    t.On("systemctl restart mariadb", [this, &t](const Command&) {
      ++restarts;
      static const std::regex kLine(R"(^back_log = (\d+)$)", std::regex::multiline);
      std::smatch m;
      const std::string& file = t.files()[kFile];
      if (std::regex_search(file, m, kLine)) vars.at("back_log").value = m[1];
      return CommandResult{0, "", ""};
    });
  }
};

catalog::Resource Opencart(json fields = {{"max_connections", 300},
                                          {"long_query_time", 30},
                                          {"slow_query_log", true},
                                          {"variables", json::object()}}) {
  catalog::Resource r;
  r.type = "mysql.server";
  r.name = "opencart";
  r.host = "db1";
  r.fields = std::move(fields);
  r.field_types = {{"long_query_time", "duration"}};
  r.field_units = {{"long_query_time", "ms"}};
  r.source = {"specs/db.kilt", 12, 1};
  return r;
}

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", json::object()};
  MysqlServerProvider provider;
  FakeServer server;
  catalog::Resource db = Opencart();
  json settings = testing::DefaultSettings("mysql.server");

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

std::string Reasons(const Change& c) {
  std::string out;
  for (const std::string& r : c.reasons) out += r + "\n";
  for (const std::string& p : c.problems) out += "problem: " + p + "\n";
  return out;
}

}  // namespace

TEST_CASE("mysql.server: one batch reads variables, start options and kilter's files",
          "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  f.Plan(t);
  CHECK(t.commands().size() == 1);
}

TEST_CASE("mysql.server: a new resource sets the dynamic variables live and persists them",
          "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  f.Apply(t, plan);
  CHECK(f.server.vars["max_connections"].value == "300");
  CHECK(f.server.vars["long_query_time"].value == "0.030000");
  CHECK(f.server.vars["slow_query_log"].value == "ON");
  const std::string& file = t.files().at(kFile);
  CHECK(file.find("[mysqld]\nlong_query_time = 0.030000\nmax_connections = 300\n") != std::string::npos);
  std::vector<Change> again = f.Plan(t);
  CHECK(again[0].kind == ChangeKind::kNothing);
  CHECK(again[0].problems.empty());
}

TEST_CASE("mysql.server: a hand SET GLOBAL is drift: live differs, persisted holds",
          "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.vars["max_connections"].value = "200";
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].cause == DriftCause::kLiveChanged);
  CHECK_THAT(Reasons(plan[0]),
             Catch::Contains("max_connections is 200 live, but the declared 300 is persisted"));
}

TEST_CASE("mysql.server: a read-only variable is restart pending until the restart",
          "[mysql.server]") {
  Fixture f;
  f.db.fields["variables"] = {{"back_log", 120}};
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  CHECK(f.server.vars["back_log"].value == "80");
  CHECK(t.files().at(kFile).find("back_log = 120\n") != std::string::npos);
  std::vector<Change> plan = f.Plan(t);
  CHECK(plan[0].kind == ChangeKind::kNothing);
  CHECK_THAT(Reasons(plan[0]), Catch::Contains("problem:") && Catch::Contains("restart"));
  f.server.vars["back_log"].value = "120";  // the server restarted
  CHECK(Reasons(f.Plan(t)[0]).empty());
}

TEST_CASE("mysql.server: with restart = \"allowed\", apply restarts after the config check",
          "[mysql.server]") {
  Fixture f;
  f.db.fields["variables"] = {{"back_log", 120}};
  f.db.fields["restart"] = "allowed";
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].problems.empty());
  REQUIRE(!plan[0].actions.empty());
  CHECK(plan[0].actions.back().summary ==
        "restart the MariaDB server: `systemctl restart mariadb`, once the config check passes "
        "(`mariadbd --help --verbose`)");
  t.ClearLog();
  f.Apply(t, plan);
  std::vector<std::string> run = t.commands();
  CHECK(std::count(run.begin(), run.end(), "mariadbd --help --verbose >/dev/null") == 2);
  CHECK(run.back() != "systemctl restart mariadb");  // then waits until the server answers
  CHECK(f.server.restarts == 1);
  CHECK(f.server.vars["back_log"].value == "120");
  std::vector<Change> again = f.Plan(t);
  CHECK(again[0].kind == ChangeKind::kNothing);
  CHECK(Reasons(again[0]).empty());
}

TEST_CASE("mysql.server: a failing config check puts the file and the live values back",
          "[mysql.server]") {
  Fixture f;
  f.db.fields["restart"] = "allowed";
  f.db.fields["variables"] = {{"back_log", 120}};
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  f.server.check_error = "[ERROR] mariadbd: unknown variable 'no_such_option=1'\n";
  CHECK_THROWS_WITH(f.Apply(t, plan),
                    Catch::Contains("persisting failed: the config check, `mariadbd --help "
                                    "--verbose`, failed (exit 7): [ERROR] mariadbd: "
                                    "unknown variable 'no_such_option=1'; the files were put "
                                    "back; the previous live values were restored"));
  CHECK(t.files().count(kFile) == 0);
  CHECK(f.server.vars["max_connections"].value == "151");
  CHECK(f.server.restarts == 0);
}

TEST_CASE("mysql.server: a file read after kilter's that sets a variable is named",
          "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  t.files()["/etc/mysql/mariadb.conf.d/zz-local.cnf"] =
      "[client]\npassword = hidden\n[mysqld]\nmax_connections = 50\n";
  std::vector<Change> plan = f.Plan(t);
  REQUIRE(plan[0].problems.size() == 1);
  CHECK(plan[0].problems[0] ==
        "max_connections persists as 50 from /etc/mysql/mariadb.conf.d/zz-local.cnf, a file "
        "kilter does not own that is read after kilter's: the declared 300 is lost when the "
        "server restarts; remove max_connections from /etc/mysql/mariadb.conf.d/zz-local.cnf by "
        "hand");
  CHECK(plan[0].live.dump().find("hidden") == std::string::npos);
}

TEST_CASE("mysql.server: an unknown variable or an out-of-range value fails the plan",
          "[mysql.server]") {
  Fixture f;
  f.db.fields["variables"] = {{"no_such_thing", 1}};
  FakeTransport t("db1");
  CHECK_THROWS_WITH(f.Plan(t), "db1: mysql.server \"opencart\" @ db1: the server "
                               "(10.11.6-MariaDB) has no variable no_such_thing "
                               "(specs/db.kilt:12:1)");
  Fixture g;
  g.db.fields["max_connections"] = 5;
  FakeTransport u("db1");
  CHECK_THROWS_WITH(g.Plan(u), Catch::Contains("max_connections = 5 is outside what the server "
                                               "accepts (10..100000)") &&
                                   Catch::Contains("(specs/db.kilt:12:1)"));
}

TEST_CASE("mysql.server: a value the server refuses undoes the live values, persists nothing",
          "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  std::vector<Change> plan = f.Plan(t);
  f.server.refused = {"ON"};
  CHECK_THROWS_WITH(f.Apply(t, plan), Catch::Contains("slow_query_log") &&
                                          Catch::Contains("can't be set to the value of 'ON'"));
  CHECK(f.server.vars["max_connections"].value == "151");
  CHECK(f.server.vars["long_query_time"].value == "10.000000");
  CHECK(t.files().count(kFile) == 0);
}

TEST_CASE("mysql.server: drift in three planes, rendered (golden)", "[mysql.server]") {
  Fixture f;
  FakeTransport t("db1");
  f.Apply(t, f.Plan(t));
  f.server.vars["max_connections"].value = "200";
  std::string& file = t.files()[kFile];
  file.replace(file.find("long_query_time = 0.030000"), 26, "long_query_time = 2");
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"db1", f.Plan(t), {}, {}, {}}};
  for (Change& c : plan.hosts[0].changes) c.fingerprint = "sha256:0000";
  testing::CheckPlanGolden("mysql-server-drift.txt", RenderText(plan, {}));
}

}  // namespace kilter::reconciler::mysql_server
