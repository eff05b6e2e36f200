#include <catch2/catch.hpp>

#include "compiler/syntax/parser.h"
#include "compiler/syntax/printer.h"

namespace kilter::compiler {
namespace {

const ast::Schema& OnlySchema(const ast::File& file) {
  REQUIRE(file.body.size() == 1);
  const auto* schema = std::get_if<ast::Schema>(&file.body[0].node);
  REQUIRE(schema);
  return *schema;
}

TEST_CASE("`schema T host_wide` parses and prints back", "[host_wide]") {
  SourceFile source("t.kilt", "schema php.opcache host_wide {\n  enable: bool = true \"on\"\n}\n");
  Diagnostics diags;
  std::unique_ptr<ast::File> file = Parse(source, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(file);
  CHECK(OnlySchema(*file).host_wide);
  CHECK(OnlySchema(*file).fields.size() == 1);

  std::string printed = Format(*file);
  CHECK(printed.find("schema php.opcache host_wide {") == 0);
  SourceFile again("t.kilt", printed);
  std::unique_ptr<ast::File> reparsed = Parse(again, diags);
  REQUIRE(reparsed);
  CHECK(OnlySchema(*reparsed).host_wide);
  CHECK(Format(*reparsed) == printed);
}

TEST_CASE("a schema without host_wide is not host-wide", "[host_wide]") {
  SourceFile source("t.kilt", "schema file {\n  path: string\n}\n");
  Diagnostics diags;
  std::unique_ptr<ast::File> file = Parse(source, diags);
  REQUIRE(file);
  CHECK_FALSE(OnlySchema(*file).host_wide);
}

}  // namespace
}  // namespace kilter::compiler
