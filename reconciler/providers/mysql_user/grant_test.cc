#include "reconciler/providers/mysql_user/grant.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql_user {

namespace {

GrantSet Declared(std::vector<std::string> grants) {
  GrantSet set;
  for (const std::string& g : grants) {
    std::optional<std::string> error = ParseDeclared(g, set);
    INFO(g);
    REQUIRE(!error);
  }
  return set;
}

GrantSet Shown(std::vector<std::string> lines) {
  GrantSet set;
  for (const std::string& l : lines) {
    std::optional<std::string> error = ParseShown(l, set);
    INFO(l);
    REQUIRE(!error);
  }
  return set;
}

}  // namespace

TEST_CASE("mysql.user: order, case and whitespace of a grant do not matter", "[mysql.user]") {
  GrantSet a = Declared({"SELECT, INSERT, UPDATE, DELETE ON opencart.*"});
  GrantSet b = Declared({"  delete,update ,  Insert,select   on   `opencart`.*  "});
  CHECK(Display(a) == Display(b));
  CHECK(Display(a) == std::vector<std::string>{"SELECT, INSERT, UPDATE, DELETE ON opencart.*"});
  CHECK(Statements(a, b, "'shop'@'%'").empty());
}

TEST_CASE("mysql.user: the server's SHOW GRANTS reads as the declared grants", "[mysql.user]") {
  GrantSet live = Shown({
      "GRANT USAGE ON *.* TO `shop`@`10.0.0.%` IDENTIFIED BY PASSWORD "
      "'*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `opencart`.* TO `shop`@`10.0.0.%`",
      "GRANT SELECT ON `opencart`.`oc_product` TO `shop`@`10.0.0.%` WITH GRANT OPTION",
  });
  GrantSet want = Declared({"insert, select, update, delete on opencart.*",
                            "SELECT ON opencart.oc_product WITH GRANT OPTION"});
  CHECK(Display(live) == Display(want));
  CHECK(Display(live) ==
        std::vector<std::string>{"SELECT, INSERT, UPDATE, DELETE ON opencart.*",
                                 "SELECT ON opencart.oc_product WITH GRANT OPTION"});
}

TEST_CASE("mysql.user: ALL PRIVILEGES is every privilege of its level", "[mysql.user]") {
  GrantSet all = Declared({"ALL ON opencart.*"});
  GrantSet listed = Declared(
      {"SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, "
       "CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, "
       "ALTER ROUTINE, EVENT, TRIGGER, DELETE HISTORY ON opencart.*"});
  CHECK(Display(all) == Display(listed));
  CHECK(Display(all) == std::vector<std::string>{"ALL PRIVILEGES ON opencart.*"});
  GrantSet shown = Shown({"GRANT ALL PRIVILEGES ON `opencart`.* TO `admin`@`localhost`"});
  CHECK(Display(shown) == Display(all));
  // On a table, ALL is the table's privileges: no EXECUTE, no LOCK TABLES.
  CHECK(Display(Declared({"ALL PRIVILEGES ON opencart.oc_order"})) ==
        std::vector<std::string>{"ALL PRIVILEGES ON opencart.oc_order"});
  CHECK(Statements({}, Declared({"ALL ON opencart.oc_order"}), "'a'@'%'") ==
        std::vector<std::string>{"GRANT ALL PRIVILEGES ON `opencart`.`oc_order` TO 'a'@'%'"});
  CHECK(Statements(Declared({"ALL ON opencart.oc_order"}),
                   Declared({"SELECT ON opencart.oc_order"}), "'a'@'%'") ==
        std::vector<std::string>{
            "REVOKE INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, CREATE VIEW, "
            "SHOW VIEW, TRIGGER, DELETE HISTORY ON `opencart`.`oc_order` FROM 'a'@'%'"});
}

TEST_CASE("mysql.user: USAGE and synonyms", "[mysql.user]") {
  CHECK(Display(Declared({"USAGE ON *.*"})).empty());
  CHECK(Display(Declared({"REPLICATION CLIENT ON *.*"})) ==
        std::vector<std::string>{"BINLOG MONITOR ON *.*"});
}

TEST_CASE("mysql.user: extra grants are revoked, missing ones granted", "[mysql.user]") {
  GrantSet live = Shown({"GRANT SELECT, INSERT, DROP ON `opencart`.* TO `shop`@`%`",
                         "GRANT SELECT ON `other`.* TO `shop`@`%` WITH GRANT OPTION"});
  GrantSet want = Declared({"SELECT, INSERT, UPDATE ON opencart.*"});
  CHECK(Statements(live, want, "'shop'@'%'") ==
        std::vector<std::string>{"REVOKE DROP ON `opencart`.* FROM 'shop'@'%'",
                                 "REVOKE SELECT ON `other`.* FROM 'shop'@'%'",
                                 "REVOKE GRANT OPTION ON `other`.* FROM 'shop'@'%'",
                                 "GRANT UPDATE ON `opencart`.* TO 'shop'@'%'"});
  CHECK(Statements({}, Declared({"SELECT ON shop.* WITH GRANT OPTION"}), "'a'@'%'") ==
        std::vector<std::string>{"GRANT SELECT ON `shop`.* TO 'a'@'%' WITH GRANT OPTION"});
}

TEST_CASE("mysql.user: a grant that does not parse says why", "[mysql.user]") {
  GrantSet set;
  CHECK(ParseDeclared("SELECT opencart.*", set) ==
        "a grant is written \"PRIVILEGES ON DATABASE.TABLE [WITH GRANT OPTION]\"");
  CHECK(ParseDeclared("SELCT ON opencart.*", set) == "SELCT is not a privilege");
  CHECK(ParseDeclared("FILE ON opencart.*", set) == "FILE cannot be granted on a database");
  CHECK(ParseDeclared("SELECT ON *.oc_order", set) ==
        "*.TABLE names no database: write *.* or DATABASE.TABLE");
  CHECK(ParseShown("GRANT `app_role` TO `shop`@`%`", set) ==
        "kilter manages privileges on databases and tables only");
  CHECK(ParseShown("GRANT SELECT (`name`) ON `opencart`.`oc_product` TO `shop`@`%`", set) ==
        "kilter manages privileges on databases and tables only");
}

}  // namespace kilter::reconciler::mysql_user
