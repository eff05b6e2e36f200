#include "reconciler/providers/mysql_index/index_def.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler::mysql;

namespace {

KeyPart Parse(const std::string& text) {
  std::string error;
  auto part = ParseKeyPart(text, error);
  INFO(error);
  REQUIRE(part);
  return *part;
}

std::string ParseError(const std::string& text) {
  std::string error;
  REQUIRE_FALSE(ParseKeyPart(text, error));
  return error;
}

}  // namespace

TEST_CASE("mysql.index key parts are read as MySQL writes them", "[mysql.index]") {
  KeyPart plain = Parse("status");
  CHECK(plain.column == "status");
  CHECK(plain.prefix == 0);
  CHECK_FALSE(plain.desc);

  KeyPart prefix = Parse("name(32)");
  CHECK(prefix.column == "name");
  CHECK(prefix.prefix == 32);

  KeyPart desc = Parse("date_added DESC");
  CHECK(desc.desc);
  CHECK(Parse("date_added asc").desc == false);

  KeyPart quoted = Parse("`odd ``name`(8) DESC");
  CHECK(quoted.column == "odd `name");
  CHECK(quoted.prefix == 8);
  CHECK(quoted.desc);
  CHECK(FormatKeyPart(quoted) == "`odd ``name`(8) DESC");
  CHECK(SqlKeyPart(desc) == "`date_added` DESC");
}

TEST_CASE("mysql.index bad key parts say what is wrong", "[mysql.index]") {
  CHECK_THAT(ParseError("name(0)"), Catch::Contains("positive number"));
  CHECK_THAT(ParseError("name(x)"), Catch::Contains("positive number"));
  CHECK_THAT(ParseError("name DESCENDING"), Catch::Contains("only ASC or DESC"));
  CHECK_THAT(ParseError(""), Catch::Contains("expected a column name"));
  CHECK_THAT(ParseError("`open"), Catch::Contains("unterminated"));
}

TEST_CASE("mysql.index marks keep the user's comment beside them", "[mysql.index]") {
  CHECK(MarkedComment("", "shop.product_status") == "kilter:shop.product_status");
  std::string both = MarkedComment("for the admin list", "shop.x");
  CHECK(both == "for the admin list | kilter:shop.x");
  ParsedComment parsed = ParseComment(both);
  CHECK(parsed.user == "for the admin list");
  CHECK(parsed.owner == "shop.x");
  ParsedComment bare = ParseComment("kilter:a b");
  CHECK(bare.user.empty());
  CHECK(bare.owner == "a b");
  ParsedComment foreign = ParseComment("added by the DBA");
  CHECK(foreign.user == "added by the DBA");
  CHECK(foreign.owner.empty());
}

TEST_CASE("mysql.index structure comparison ignores case, names and comments", "[mysql.index]") {
  IndexDef a{"A", {{"Status", 0, false}}, false, "BTREE", "x", false};
  IndexDef b{"a_other", {{"status", 0, false}}, false, "BTREE", "", true};
  CHECK(SameStructure(a, b));
  b.parts[0].prefix = 4;
  CHECK_FALSE(SameStructure(a, b));
  b.parts[0].prefix = 0;
  b.unique = true;
  CHECK_FALSE(SameStructure(a, b));
  CHECK(SameName("IDX_x", "idx_X"));
}

TEST_CASE("mysql.index SQL quoting escapes what would break a statement", "[mysql.index]") {
  CHECK(QuoteIdent("a`b") == "`a``b`");
  CHECK(QuoteString("it's\n\ta\\b") == "'it''s\\n\\ta\\\\b'");
}
