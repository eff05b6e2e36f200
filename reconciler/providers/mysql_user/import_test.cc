#include "reconciler/providers/mysql_user/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql_user {

namespace {

AccountState Acct(const std::string& user, const std::string& host, const std::string& plugin,
                  std::vector<std::string> shown) {
  AccountState a;
  a.user = user;
  a.host = host;
  a.plugin = plugin;
  for (const std::string& s : shown) REQUIRE(!ParseShown(s, a.grants));
  return a;
}

}  // namespace

TEST_CASE("mysql.user import: accounts as specs, root and declared ones left out",
          "[mysql.user][import]") {
  HostState state;
  state.accounts["'root'@'localhost'"] =
      Acct("root", "localhost", "mysql_native_password",
           {"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"});
  state.accounts["'shop'@'%'"] = Acct("shop", "%", "mysql_native_password",
                                      {"GRANT INSERT, SELECT ON `opencart`.* TO `shop`@`%`"});
  state.accounts["'shop'@'%'"].max_user_connections = 5;
  state.accounts["'dba'@'localhost'"] =
      Acct("dba", "localhost", "unix_socket",
           {"GRANT ALL PRIVILEGES ON *.* TO `dba`@`localhost` WITH GRANT OPTION"});
  state.accounts["'gss'@'%'"] = Acct("gss", "%", "gssapi", {});
  state.accounts["'sync'@'%'"] = Acct("sync", "%", "mysql_native_password", {});
  state.unreadable["'roled'@'%'"] =
      "GRANT `app` (kilter manages privileges on databases and "
      "tables only)";
  state.accounts["'roled'@'%'"] = Acct("roled", "%", "mysql_native_password", {});
  state.owned["'shop'@'%'"] = "storefront";
  ImportRequest request;
  kit::SpecFile file = ImportedAccounts("db1", state, request, {"'sync'@'%'"});
  CHECK(kit::RenderSpec("", file) ==
        "# not imported: 'gss'@'%' authenticates with gssapi, which mysql.user cannot declare\n"
        "# not imported: 'roled'@'%' holds a grant kilter cannot manage: GRANT `app` (kilter "
        "manages privileges on databases and tables only)\n"
        "\n"
        "mysql.user \"dba@localhost\" on db1 {\n"
        "  user = \"dba\"\n"
        "  host = \"localhost\"\n"
        "  plugin = \"unix_socket\"\n"
        "  grants = [\"ALL PRIVILEGES ON *.* WITH GRANT OPTION\"]\n"
        "  purpose = \"admin\"\n"
        "}\n"
        "\n"
        "# created by kilter\n"
        "mysql.user \"storefront\" on db1 {\n"
        "  user = \"shop\"\n"
        "  host = \"%\"\n"
        "  # kilter cannot read a password back: set DB_PASSWORD_SHOP to shop's password, else "
        "the plan sets the variable's value\n"
        "  password = env(\"DB_PASSWORD_SHOP\")\n"
        "  grants = [\"SELECT, INSERT ON opencart.*\"]\n"
        "  max_user_connections = 5\n"
        "}\n");
  request.filters["user"] = {"dba", "nobody"};
  kit::SpecFile one = ImportedAccounts("db1", state, request, {});
  REQUIRE(one.resources.size() == 1);
  CHECK(one.resources[0].name == "dba@localhost");
  CHECK(one.notes == "not imported: no account of user nobody\n");
}

}  // namespace kilter::reconciler::mysql_user
