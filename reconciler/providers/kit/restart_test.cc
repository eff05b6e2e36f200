#include "reconciler/providers/kit/restart.h"

#include <catch2/catch.hpp>

#include "support/fake_transport.h"

namespace kilter::reconciler::kit {

namespace {

ServiceRestart Mariadb(int& polls) {
  ServiceRestart r;
  r.service = "the MariaDB server";
  r.check = {"`mariadbd --help --verbose`", {}};
  r.check.command.shell = "mariadbd --help --verbose";
  r.restart = "systemctl restart mariadb";
  r.ready = [&polls] { return ++polls >= 2; };
  r.timeout = std::chrono::seconds(5);
  return r;
}

}  // namespace

TEST_CASE("kit: a restart runs the config check, the restart, then waits for the service",
          "[kit][restart]") {
  testing::FakeTransport t("db1");
  t.On("mariadbd --help", reconciler::CommandResult{0, "", "[Warning] max_open_files"});
  t.On("systemctl restart", reconciler::CommandResult{0, "", ""});
  int polls = 0;
  RestartChecked(t, Mariadb(polls));
  CHECK(t.commands() ==
        std::vector<std::string>{"mariadbd --help --verbose", "systemctl restart mariadb"});
  CHECK(polls == 2);
}

TEST_CASE("kit: a failing config check restarts nothing and says the server's words",
          "[kit][restart]") {
  testing::FakeTransport t("db1");
  t.On("mariadbd --help",
       reconciler::CommandResult{7, "", "[Warning] max_open_files\n\n[ERROR] a\n"
                                        "[ERROR] mariadbd: unknown variable 'foo=1'\n"});
  int polls = 0;
  CHECK_THROWS_WITH(RestartChecked(t, Mariadb(polls)),
                    "the config check, `mariadbd --help --verbose`, failed (exit 7): [Warning] "
                    "max_open_files; [ERROR] a; [ERROR] mariadbd: unknown variable 'foo=1'");
  CHECK(t.commands() == std::vector<std::string>{"mariadbd --help --verbose"});
}

TEST_CASE("kit: a restart that fails or never answers is an error naming the command",
          "[kit][restart]") {
  testing::FakeTransport t("db1");
  t.On("mariadbd --help", reconciler::CommandResult{0, "", ""});
  t.On("systemctl restart", reconciler::CommandResult{1, "", "Unit mariadb.service not found.\n"});
  int polls = 0;
  CHECK_THROWS_WITH(RestartChecked(t, Mariadb(polls)),
                    "restarting the MariaDB server with `systemctl restart mariadb` failed (exit "
                    "1): Unit mariadb.service not found.");

  testing::FakeTransport u("db1");
  u.On("mariadbd --help", reconciler::CommandResult{0, "", ""});
  u.On("systemctl restart", reconciler::CommandResult{0, "", ""});
  ServiceRestart never = Mariadb(polls);
  never.ready = [] { return false; };
  never.timeout = std::chrono::seconds(1);
  CHECK_THROWS_WITH(RestartChecked(u, never),
                    "the MariaDB server did not answer within 1 s after `systemctl restart "
                    "mariadb`");
}

TEST_CASE("kit: the plan names the restart and the check before it", "[kit][restart]") {
  int polls = 0;
  Action a = RestartAction(Mariadb(polls));
  CHECK(a.kind == "restart");
  CHECK(a.summary ==
        "restart the MariaDB server: `systemctl restart mariadb`, once the config check passes "
        "(`mariadbd --help --verbose`)");
}

TEST_CASE("kit: the planes' words say apply restarts only where the resource allows it",
          "[kit][restart]") {
  int polls = 0;
  catalog::Resource r;
  r.fields = {{"restart", "never"}};
  PlaneWords never = RestartWords({"when the server restarts", "the server's default"}, r,
                                  Mariadb(polls));
  CHECK_FALSE(never.restarts);
  CHECK(never.on_apply == "kilter restarts nothing");
  CHECK(never.restart == "when the server restarts");

  r.fields["restart"] = "allowed";
  PlaneWords allowed = RestartWords({"when the server restarts", "the server's default"}, r,
                                    Mariadb(polls));
  CHECK(allowed.restarts);
  CHECK(allowed.on_apply ==
        "apply restarts the MariaDB server (restart = \"allowed\") once its config check passes");
  CHECK(allowed.unpersisted == "the server's default");
}

}  // namespace kilter::reconciler::kit
