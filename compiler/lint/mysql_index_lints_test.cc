#include "compiler/lint/mysql_index_lints.h"

#include <catch2/catch.hpp>

using namespace kilter::compiler;

namespace {

EvaluatedResource Index(const std::string& name, nlohmann::json columns,
                        const std::string& table = "oc_product", bool unique = false) {
  EvaluatedResource r;
  r.resource.type = "mysql.index";
  r.resource.name = name;
  r.resource.host = "db1";
  r.resource.fields = {{"database", "opencart"}, {"table", table},      {"columns", columns},
                       {"unique", unique},       {"type", "BTREE"}};
  return r;
}

std::vector<Diagnostic> Lint(const std::vector<EvaluatedResource>& resources) {
  Diagnostics diags;
  LintMysqlIndexes(resources, diags);
  return diags.all();
}

}  // namespace

TEST_CASE("mysql.index lint: a left prefix of another index is redundant", "[lint]") {
  auto found = Lint({Index("short", {"status"}), Index("long", {"`Status` ASC", "date_added"})});
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "W0261");
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(found[0].message ==
        "mysql.index \"short\" (status) is a left prefix of mysql.index \"long\" (status, "
        "date_added): queries it serves can use the longer index");
  // A unique prefix enforces something, and another table is another matter.
  CHECK(Lint({Index("u", {"status"}, "oc_product", true), Index("long", {"status", "x"})}).empty());
  CHECK(Lint({Index("a", {"status"}, "oc_order"), Index("b", {"status", "x"})}).empty());
  // A prefix length or order makes a different key part.
  CHECK(Lint({Index("a", {"name(8)"}), Index("b", {"name", "x"})}).empty());
}

TEST_CASE("mysql.index lint: exact duplicates", "[lint]") {
  auto found = Lint({Index("a", {"status", "date_added"}), Index("b", {"STATUS", "date_added"})});
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "W0262");
  CHECK_THAT(found[0].message, Catch::StartsWith("mysql.index \"b\" duplicates mysql.index \"a\""));
}

TEST_CASE("mysql.index lint: too many indexes on one table", "[lint]") {
  std::vector<EvaluatedResource> many;
  for (int i = 0; i <= static_cast<int>(kMaxIndexesPerTable); ++i) {
    many.push_back(Index("i" + std::to_string(i), {"c" + std::to_string(i)}));
  }
  auto found = Lint(many);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "W0263");
  CHECK_THAT(found[0].message, Catch::Contains("opencart.oc_product has 11 declared indexes"));
  many.pop_back();
  CHECK(Lint(many).empty());
}
