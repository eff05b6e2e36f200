#include "reconciler/providers/mysql_index/live_schema.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler::mysql;

TEST_CASE("mysql.index read output is parsed record by record", "[mysql.index]") {
  // Comments arrive JSON-escaped, so tabs and newlines in them cannot split a row.
  std::string out =
      R"({"k": "server", "version": "10.11.19-MariaDB-0+deb12u1"})" "\n"
      R"({"k": "db", "db": "opencart"})" "\n"
      R"({"k": "table", "db": "opencart", "table": "oc_product", "engine": "MyISAM", "rows": 19})" "\n"
      R"({"k": "column", "db": "opencart", "table": "oc_product", "column": "name", "type": "VARCHAR", "len": 64})" "\n"
      R"({"k": "column", "db": "opencart", "table": "oc_product", "column": "price", "type": "decimal", "len": null})" "\n"
      R"({"k": "index", "db": "opencart", "table": "oc_product", "index": "k", "seq": 2, "column": "name", "sub": 10, "coll": "D", "non_unique": 1, "type": "BTREE", "comment": "tab\there\nkilter:shop.k", "ignored": "NO"})" "\n"
      R"({"k": "index", "db": "opencart", "table": "oc_product", "index": "k", "seq": 1, "column": "price", "sub": null, "coll": "A", "non_unique": 1, "type": "BTREE", "comment": "tab\there\nkilter:shop.k", "ignored": "NO"})" "\n"
      R"({"k": "index", "db": "opencart", "table": "oc_product", "index": "u | x", "seq": 1, "column": "name", "sub": null, "coll": "A", "non_unique": 0, "type": "BTREE", "comment": "note | kilter:shop.u", "ignored": "YES"})" "\n"
      R"({"k": "fk", "db": "opencart", "table": "oc_product", "name": "fk_tax", "column": "price", "seq": 1})" "\n";
  LiveSchema schema = ParseReadOutput(out);
  CHECK(schema.server.mariadb);
  CHECK(schema.server.descending_indexes);
  CHECK(schema.databases == std::set<std::string>{"opencart"});
  const LiveTable* t = schema.FindTable("opencart", "oc_product");
  REQUIRE(t);
  CHECK(t->engine == "MyISAM");
  CHECK(t->rows == 19);
  REQUIRE(t->columns.size() == 2);
  CHECK(t->columns[0].data_type == "varchar");
  CHECK(t->columns[0].char_length == 64);
  CHECK(t->columns[1].char_length == 0);
  const LiveIndex* k = t->FindIndex("K");
  REQUIRE(k);
  REQUIRE(k->def.parts.size() == 2);
  CHECK(k->def.parts[0].column == "price");  // ordered by SEQ_IN_INDEX, not by row order
  CHECK(k->def.parts[1].prefix == 10);
  CHECK(k->def.parts[1].desc);
  // The whole comment is unmarked text: the mark is only recognised after " | ".
  CHECK(k->owner.empty());
  const LiveIndex* u = t->FindIndex("u | x");
  REQUIRE(u);
  CHECK(u->owner == "shop.u");
  CHECK(u->def.comment == "note");
  CHECK(u->def.unique);
  CHECK(u->def.ignored);
  REQUIRE(t->foreign_keys.size() == 1);
  CHECK(t->foreign_keys[0].columns == std::vector<std::string>{"price"});

  LiveSchema again = LiveSchemaFromJson(ToJson(schema));
  CHECK(ToJson(again) == ToJson(schema));
}

TEST_CASE("mysql.index read output that is not ours is an error", "[mysql.index]") {
  CHECK_THROWS_WITH(ParseReadOutput("Warning: something\n"), Catch::Contains("line 1"));
}

TEST_CASE("mysql.index server capabilities come from the version", "[mysql.index]") {
  CHECK_FALSE(ParseServerVersion("10.5.23-MariaDB").ignorable_indexes);
  CHECK(ParseServerVersion("10.6.1-MariaDB").ignorable_indexes);
  CHECK_FALSE(ParseServerVersion("10.6.1-MariaDB").descending_indexes);
  CHECK(ParseServerVersion("8.0.36").descending_indexes);
  CHECK_FALSE(ParseServerVersion("8.0.36").mariadb);
  CHECK_FALSE(ParseServerVersion("5.7.44").ignorable_indexes);
}

TEST_CASE("mysql.index read SQL asks only for the declared databases and tables",
          "[mysql.index]") {
  std::string sql = ReadSql({"opencart"}, {{"opencart", "oc_product"}});
  CHECK_THAT(sql, Catch::Contains("TABLE_SCHEMA IN (''opencart'')"));
  CHECK_THAT(sql, Catch::Contains("IN ((''opencart'',''oc_product''))"));
  CHECK_THAT(sql, Catch::Contains("PREPARE kilter_read"));
}
