#include "reconciler/providers/mysql_index/diff.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"

using namespace kilter;
using namespace kilter::reconciler;
using namespace kilter::reconciler::mysql;

namespace {

LiveIndex Live(const std::string& name, std::vector<KeyPart> parts, const std::string& owner = "",
               bool unique = false) {
  LiveIndex i;
  i.def.name = name;
  i.def.parts = std::move(parts);
  i.def.unique = unique;
  i.owner = owner;
  return i;
}

LiveSchema Schema(const std::string& engine, std::vector<LiveIndex> indexes = {}) {
  LiveSchema s;
  s.server = ParseServerVersion("10.11.19-MariaDB-0+deb12u1");
  s.databases = {"opencart"};
  LiveTable t;
  t.database = "opencart";
  t.table = "oc_product";
  t.engine = engine;
  t.rows = 19;
  t.columns = {{"product_id", "int", 0},   {"model", "varchar", 64},  {"status", "tinyint", 0},
               {"date_available", "date", 0}, {"description", "text", 65535}};
  t.indexes.push_back(Live("PRIMARY", {{"product_id"}}, "", true));
  for (LiveIndex& i : indexes) t.indexes.push_back(std::move(i));
  s.tables["opencart.oc_product"] = t;
  return s;
}

catalog::Resource Index(const std::string& name, nlohmann::json columns,
                        nlohmann::json extra = nlohmann::json::object()) {
  catalog::Resource r;
  r.type = "mysql.index";
  r.name = name;
  r.host = "db1";
  r.source = {"specs/database.kilt", 3, 1};
  r.fields = {{"database", "opencart"}, {"table", "oc_product"}, {"name", ""},
              {"columns", columns},     {"unique", false},       {"type", "BTREE"},
              {"comment", ""},          {"ignored", false}};
  r.fields.update(extra);
  return r;
}

std::vector<Change> Diff(const std::vector<catalog::Resource>& resources, const LiveSchema& live) {
  std::vector<const catalog::Resource*> desired;
  for (const auto& r : resources) desired.push_back(&r);
  return DiffHost("db1", desired, live);
}

std::string Sql(const Change& c) {
  REQUIRE(c.actions.size() == 1);
  CHECK(c.actions[0].kind == "sql");
  return c.actions[0].detail;
}

}  // namespace

TEST_CASE("mysql.index create on MyISAM copies the table under a shared lock", "[mysql.index]") {
  auto changes = Diff({Index("shop.status_date", {"status", "date_available"})}, Schema("MyISAM"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kCreate);
  CHECK(Sql(changes[0]) ==
        "ALTER TABLE `opencart`.`oc_product` ADD INDEX `shop_status_date` (`status`, "
        "`date_available`) COMMENT 'kilter:shop.status_date', ALGORITHM=COPY, LOCK=SHARED");
  REQUIRE(changes[0].warnings.size() == 1);
  CHECK_THAT(changes[0].warnings[0], Catch::Contains("MyISAM: no online DDL"));
  CHECK_THAT(changes[0].warnings[0], Catch::Contains("writes to it wait"));
}

TEST_CASE("mysql.index create on InnoDB is online", "[mysql.index]") {
  auto changes = Diff({Index("x", {"model"}, {{"name", "idx_model"}})}, Schema("InnoDB"));
  CHECK(Sql(changes[0]) ==
        "ALTER TABLE `opencart`.`oc_product` ADD INDEX `idx_model` (`model`) COMMENT 'kilter:x', "
        "ALGORITHM=INPLACE, LOCK=NONE");
  CHECK(changes[0].warnings.empty());
  auto fulltext = Diff({Index("ft", {"description"}, {{"type", "FULLTEXT"}})}, Schema("InnoDB"));
  CHECK(Sql(fulltext[0]) ==
        "ALTER TABLE `opencart`.`oc_product` ADD FULLTEXT INDEX `ft` (`description`) COMMENT "
        "'kilter:ft', ALGORITHM=INPLACE, LOCK=SHARED");
  CHECK_THAT(fulltext[0].warnings.at(0), Catch::Contains("LOCK=SHARED"));
}

TEST_CASE("mysql.index changes of one table share one ALTER TABLE", "[mysql.index]") {
  LiveSchema live = Schema("MyISAM", {Live("old", {{"model"}}, "gone")});
  auto changes = Diff({Index("a", {"status"}), Index("b", {"model(16) DESC"}, {{"unique", true}})},
                      live);
  REQUIRE(changes.size() == 3);
  CHECK(changes[2].kind == ChangeKind::kDelete);
  CHECK(changes[2].name == "gone");
  std::string expected =
      "ALTER TABLE `opencart`.`oc_product` DROP INDEX `old`, ADD INDEX `a` (`status`) COMMENT "
      "'kilter:a', ADD UNIQUE INDEX `b` (`model`(16) DESC) COMMENT 'kilter:b', ALGORITHM=COPY, "
      "LOCK=SHARED";
  for (const Change& c : changes) CHECK(Sql(c) == expected);
  CHECK_THAT(changes[0].actions[0].summary, Catch::Contains("2 other change(s)"));
}

TEST_CASE("mysql.index canonical forms never show as a change", "[mysql.index]") {
  // The server stores model(64) on a varchar(64) as the whole column, and
  // compares names without case.
  LiveSchema live = Schema("MyISAM", {Live("M", {{"Model"}}, "m")});
  auto changes = Diff({Index("m", {"model(64)"}, {{"name", "m"}})}, live);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].actions.empty());
}

TEST_CASE("mysql.index adopts an identical unmarked index without rebuilding", "[mysql.index]") {
  LiveSchema live = Schema("MyISAM", {Live("dba_status", {{"status"}, {"date_available"}})});
  auto changes = Diff({Index("shop.s", {"status", "date_available"})}, live);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK_THAT(changes[0].reasons.at(0), Catch::Contains("adopted the existing index dba_status"));
}

TEST_CASE("mysql.index leaves undeclared unmarked indexes alone", "[mysql.index]") {
  LiveSchema live = Schema("MyISAM", {Live("by_hand", {{"model"}})});
  auto changes = Diff({Index("s", {"status"})}, live);
  REQUIRE(changes.size() == 1);
  CHECK_THAT(Sql(changes[0]), !Catch::Contains("by_hand"));
}

TEST_CASE("mysql.index a changed column list is a replace", "[mysql.index]") {
  LiveSchema live = Schema("InnoDB", {Live("s", {{"status"}}, "s")});
  auto changes = Diff({Index("s", {"status", "date_available"})}, live);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kReplace);
  CHECK(Sql(changes[0]) ==
        "ALTER TABLE `opencart`.`oc_product` DROP INDEX `s`, ADD INDEX `s` (`status`, "
        "`date_available`) COMMENT 'kilter:s', ALGORITHM=INPLACE, LOCK=NONE");
  REQUIRE(changes[0].fields.size() == 1);
  CHECK(changes[0].fields[0].field == "columns");
}

TEST_CASE("mysql.index a user comment is kept beside the mark", "[mysql.index]") {
  LiveSchema live = Schema("InnoDB", {Live("s", {{"status"}}, "s")});
  auto changes = Diff({Index("s", {"status"}, {{"comment", "admin filter"}})}, live);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  // Same structure, new comment: metadata only on InnoDB.
  CHECK(Sql(changes[0]) ==
        "ALTER TABLE `opencart`.`oc_product` DROP INDEX `s`, ADD INDEX `s` (`status`) COMMENT "
        "'admin filter | kilter:s', ALGORITHM=INSTANT, LOCK=NONE");
}

TEST_CASE("mysql.index ignored = true hides the index instantly", "[mysql.index]") {
  LiveSchema live = Schema("MyISAM", {Live("s", {{"status"}}, "s")});
  auto changes = Diff({Index("s", {"status"}, {{"ignored", true}})}, live);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  CHECK(Sql(changes[0]) ==
        "ALTER TABLE `opencart`.`oc_product` ALTER INDEX `s` IGNORED, ALGORITHM=INSTANT, "
        "LOCK=NONE");
  CHECK(changes[0].warnings.empty());
}

TEST_CASE("mysql.index exclusive tables drop undeclared indexes, destructively", "[mysql.index]") {
  LiveSchema live = Schema("MyISAM", {Live("by_hand", {{"model"}}), Live("s", {{"status"}}, "s")});
  catalog::Resource table;
  table.type = "mysql.table_indexes";
  table.name = "products";
  table.host = "db1";
  table.fields = {{"database", "opencart"}, {"table", "oc_product"}};
  auto changes = Diff({Index("s", {"status"}), table}, live);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[1].kind == ChangeKind::kUpdate);
  CHECK(changes[1].destructive);
  CHECK(Sql(changes[1]) ==
        "ALTER TABLE `opencart`.`oc_product` DROP INDEX `by_hand`, ALGORITHM=COPY, LOCK=SHARED");
}

TEST_CASE("mysql.index exclusive tables keep what a foreign key needs", "[mysql.index]") {
  LiveSchema live = Schema("InnoDB", {Live("fk_model", {{"model"}})});
  live.tables["opencart.oc_product"].foreign_keys.push_back({"fk_other", {"model"}});
  catalog::Resource table;
  table.type = "mysql.table_indexes";
  table.name = "products";
  table.host = "db1";
  table.fields = {{"database", "opencart"}, {"table", "oc_product"}};
  auto changes = Diff({table}, live);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK_FALSE(changes[0].destructive);
  CHECK_THAT(changes[0].reasons.back(), Catch::Contains("foreign key fk_other needs it"));
}

TEST_CASE("mysql.index plan errors name host, database, table, column and resource",
          "[mysql.index]") {
  auto run = [](std::vector<catalog::Resource> r) {
    try {
      Diff(r, Schema("MyISAM"));
    } catch (const ProviderError& e) {
      return std::string(e.what());
    }
    FAIL("no error");
    return std::string();
  };
  std::string missing = run({Index("shop.x", {"status", "nope"})});
  CHECK(missing ==
        "db1: mysql.index \"shop.x\" (specs/database.kilt:3:1): column `nope` does not exist in "
        "table opencart.oc_product on host db1");
  CHECK_THAT(run({Index("p", {"status(4)"})}),
             Catch::Contains("prefix length 4 on column `status` of opencart.oc_product, which is "
                             "tinyint: only string columns take a prefix"));
  CHECK_THAT(run({Index("t", {"x"}, {{"table", "oc_nope"}})}),
             Catch::Contains("table opencart.oc_nope does not exist on host db1"));
  CHECK_THAT(run({Index("d", {"x"}, {{"database", "shop"}})}),
             Catch::Contains("database `shop` does not exist on host db1"));
  CHECK_THAT(run({Index("b", {"description"})}), Catch::Contains("needs a prefix length"));
}
