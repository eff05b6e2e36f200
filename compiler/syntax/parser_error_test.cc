#include <catch2/catch.hpp>

#include <string>

#include "compiler/syntax/syntax_test_util.h"

namespace kilter::compiler {
namespace {

using testing::DumpOf;
using testing::ErrorsOf;
using testing::ParseText;

TEST_CASE("E0101: what was expected and what was found, at the exact spot", "[syntax]") {
  CHECK(ErrorsOf("let x = \nlet y = 1") ==
        "1:8-8 E0101 expected a value after '=', found end of line\n");
  CHECK(ErrorsOf("let x 1") == "1:7-8 E0101 expected '=', found `1`\n");
  CHECK(ErrorsOf("let x = [1 2]") == "1:12-13 E0101 expected ',' or ']' in the list, found `2`\n");
  CHECK(ErrorsOf("let x = (1 + 2") == "1:15-15 E0101 expected ')', found end of file\n");
  CHECK(ErrorsOf("let x = 1 let y = 2") ==
        "1:11-14 E0101 expected a line break after the statement, found keyword `let`\n");
  CHECK(ErrorsOf("php.opcache on web {}") ==
        "1:13-15 E0101 expected the resource name, as a string, found keyword `on`\n");
  CHECK(ErrorsOf("t \"n\" web {}") ==
        "1:7-10 E0101 expected `on` and the target hosts after the resource name, found `web`\n");
  CHECK(ErrorsOf("t \"n\" on web {\n  a: 1\n}") ==
        "2:4-5 E0101 expected '=' after the field name, found `:`\n");
  CHECK(ErrorsOf("t \"n\" on web {\n  a = 1 b = 2\n}") ==
        "2:9-10 E0101 expected a line break, ',' or '}' after the value, found `b`\n");
  CHECK(ErrorsOf("let x = a ? b") ==
        "1:14-14 E0101 expected ':' in `condition ? then : else`, found end of file\n");
  CHECK(ErrorsOf("let x = a.1") == "1:11-12 E0101 expected a field name after '.', found `1`\n");
  CHECK(ErrorsOf("let x = (a)(1)") ==
        "1:12-13 E0101 only a function name can be called, found '(' after an expression\n");
  CHECK(ErrorsOf("}") == "1:1-2 E0101 expected a statement, found `}`\n");
  CHECK(ErrorsOf("let x = 1 +") ==
        "1:12-12 E0101 expected an expression after the operator, found end of file\n");
  CHECK(ErrorsOf("if x {\n  let a = 1\n") ==
        "2:12-12 E0101 expected '}' to close the block, found end of file\n");
  CHECK(ErrorsOf("let x = \xC3\xA9") ==
        "1:9-11 E0101 expected a value after '=', found character `\xC3\xA9`\n");
}

TEST_CASE("E0101 hints for typical mistakes", "[syntax]") {
  auto p = ParseText("t \"n\" on web {\n  memory = 128 MiB\n}");
  REQUIRE(p->diags.all().size() == 1);
  CHECK(p->diags.all()[0].hint ==
        "write the number and its unit together, without a space, e.g. 128MiB");
  auto q = ParseText("t \"a\" on web {\n  x = 1\nt \"b\" on web {\n  y = 2\n}");
  REQUIRE(q->diags.all().size() == 1);
  CHECK(q->diags.all()[0].hint == "is a '}' missing to close the resource above?");
}

TEST_CASE("E0102: pathological nesting is a diagnostic, not a stack overflow", "[syntax]") {
  for (const char* open : {"[", "(", "!", "-", "{ a = ", "\"${"}) {
    std::string text = "let x = ";
    for (int i = 0; i < 100000; ++i) text += open;
    auto p = ParseText(text);
    REQUIRE(p->diags.all().size() == 1);
    CHECK(p->diags.all()[0].code == "E0102");
  }
  std::string blocks;
  for (int i = 0; i < 100000; ++i) blocks += "if x {\n";
  auto p = ParseText("let before = 1\n" + blocks);
  REQUIRE(p->diags.all().size() == 1);
  CHECK(p->diags.all()[0].code == "E0102");
  CHECK(ast::Dump(*p->file) == "(let before 1)\n");

  std::string types = "param p: ";
  for (int i = 0; i < 100000; ++i) types += "[";
  CHECK(ParseText(types)->diags.all().at(0).code == "E0102");
}

TEST_CASE("nesting just under the limit parses", "[syntax]") {
  std::string text = "let x = ";
  for (int i = 0; i < 100; ++i) text += "[";
  for (int i = 0; i < 100; ++i) text += "]";
  CHECK_FALSE(ParseText(text)->diags.has_errors());
}

TEST_CASE("E0103: unterminated string spans from the quote to the line end", "[syntax]") {
  CHECK(ErrorsOf("let s = \"abc\nlet t = 1") == "1:9-13 E0103 unterminated string\n");
  CHECK(ErrorsOf("let s = \"abc") == "1:9-13 E0103 unterminated string\n");
  CHECK(ErrorsOf("let s = \"a # b") == "1:9-15 E0103 unterminated string\n");
}

TEST_CASE("E0104: invalid numbers and units, with suggestions", "[syntax]") {
  CHECK(ErrorsOf("let x = 256XB") == "1:9-14 E0104 unknown unit `XB` in `256XB`\n");
  auto hint = [](const std::string& value) {
    auto p = ParseText("let x = " + value);
    REQUIRE(p->diags.all().size() == 1);
    CHECK(p->diags.all()[0].code == "E0104");
    return p->diags.all()[0].hint;
  };
  CHECK(hint("256XB") ==
        "units are sizes: B KiB MiB GiB TiB (binary), KB MB GB TB (decimal); durations: ms s m h d");
  CHECK(hint("256mib") == "did you mean 256MiB? (units are case-sensitive)");
  CHECK(hint("256M") == "did you mean 256m, 256MiB or 256MB? (units are case-sensitive)");
  CHECK(hint("5min") == "did you mean 5m? (units are case-sensitive)");
  CHECK(hint("1.5GiB") == "use a smaller unit, e.g. 1536MiB instead of 1.5GiB, 1500ms instead of 1.5s");
  CHECK(hint("30m1h") == "e.g. 1h30m or 2m30s");
  CHECK(ErrorsOf("let x = 99999999999999999999") ==
        "1:9-29 E0104 number `99999999999999999999` is too large\n");
}

TEST_CASE("E0105: invalid IPv4 addresses and CIDRs", "[syntax]") {
  CHECK(ErrorsOf("let x = 10.0.0.256") ==
        "1:9-19 E0105 invalid IP address `10.0.0.256`: `256` is not a number from 0 to 255\n");
  CHECK(ErrorsOf("let x = 10.0.0") ==
        "1:9-15 E0105 invalid IP address `10.0.0`: an IPv4 address has four parts, not 3\n");
  CHECK(ErrorsOf("let x = 1.2.3.4.5") ==
        "1:9-18 E0105 invalid IP address `1.2.3.4.5`: an IPv4 address has four parts, not 5\n");
  CHECK(ErrorsOf("let x = 10.0.0.0/33") ==
        "1:9-20 E0105 invalid CIDR `10.0.0.0/33`: the prefix length must be 0 to 32\n");
  CHECK(ErrorsOf("let x = 10.0.0.1x") == "1:9-18 E0105 invalid IP address `10.0.0.1x`\n");
}

TEST_CASE("E0106: unknown escape", "[syntax]") {
  CHECK(ErrorsOf(R"(let s = "a\qb")") == "1:11-13 E0106 unknown escape sequence in string `\\q`\n");
}

TEST_CASE("E0107: keywords cannot be names", "[syntax]") {
  CHECK(ErrorsOf("let if = 1") ==
        "1:5-7 E0107 `if` is a keyword and cannot be used as a name\n");
  CHECK(ErrorsOf("for in in xs {}") ==
        "1:5-7 E0107 `in` is a keyword and cannot be used as a name\n");
  CHECK(ErrorsOf("let x = if") == "1:9-11 E0101 expected a value after '=', found keyword `if`\n");
  CHECK(DumpOf("let iffy = 1") == "(let iffy 1)\n");
}

TEST_CASE("E0108: declarations only at the top level", "[syntax]") {
  CHECK(ErrorsOf("if x {\n  import \"a\"\n}") ==
        "2:3-9 E0108 `import` is only allowed at the top level of a file, not inside a block\n");
  CHECK(ErrorsOf("for x in y {\n  param p: int\n}") ==
        "2:3-8 E0108 `param` is only allowed at the top level of a file, not inside a block\n");
  CHECK(ErrorsOf("module m() {\n  module n() {}\n}") ==
        "2:3-9 E0108 `module` is only allowed at the top level of a file, not inside a block\n");
}

TEST_CASE("E0109: plain strings where no value can be computed yet", "[syntax]") {
  CHECK(ErrorsOf("import \"${x}.kilt\"") ==
        "1:11-12 E0109 an import path must be a plain string, without ${...}\n");
  CHECK(ErrorsOf("schema t { a: \"x${y}\" }") ==
        "1:19-20 E0109 an enum value must be a plain string, without ${...}\n");
}

TEST_CASE("recovery: every broken statement of a file is reported", "[syntax]") {
  auto p = ParseText(R"(let a = 1
let b = = 2
php.opcache "x" on web {
  memory_consumption = 128 MiB
}
let c = 3
for x in xs {
  let d = [1 2]
  let e = 5
}
let f = 256XB
let g = 7
)");
  CHECK(testing::Errors(*p) ==
        "2:9-10 E0101 expected a value after '=', found `=`\n"
        "4:28-31 E0101 expected a line break, ',' or '}' after the value, found `MiB`\n"
        "8:14-15 E0101 expected ',' or ']' in the list, found `2`\n"
        "11:9-14 E0104 unknown unit `XB` in `256XB`\n");
  CHECK(ast::Dump(*p->file) ==
        "(let a 1)\n(resource php.opcache (str \"x\") (on web))\n(let c 3)\n(for x xs (let e 5))\n"
        "(let g 7)\n");
}

TEST_CASE("recovery: every broken field of a resource body is reported", "[syntax]") {
  auto p = ParseText(R"(t "x" on web {
  a: 1
  b = [1,
       2 3]
  c = 3
  d = "open
  e = {
    k = 1
  }
  f = 10.0.0.300
}
let z = 1
)");
  CHECK(testing::Errors(*p) ==
        "2:4-5 E0101 expected '=' after the field name, found `:`\n"
        "4:10-11 E0101 expected ',' or ']' in the list, found `3`\n"
        "6:7-12 E0103 unterminated string\n"
        "10:7-17 E0105 invalid IP address `10.0.0.300`: `300` is not a number from 0 to 255\n");
  CHECK(ast::Dump(*p->file) ==
        "(resource t (str \"x\") (on web) (c 3) (e (obj (\"k\" 1))))\n(let z 1)\n");
}

TEST_CASE("recovery: an unclosed resource does not swallow the next one", "[syntax]") {
  auto p = ParseText("t \"a\" on web {\n  x = 1\nt \"b\" on web {\n  y = 2\n}\nlet z = 1\n");
  CHECK(p->diags.all().size() == 1);
  CHECK(ast::Dump(*p->file) == "(resource t (str \"b\") (on web) (y 2))\n(let z 1)\n");
}

TEST_CASE("recovery: garbage lines and stray braces", "[syntax]") {
  auto p = ParseText("%%%\nlet a = 1\n}\nlet b = 2\n");
  CHECK(testing::Errors(*p) == "1:1-2 E0101 expected a statement, found `%`\n"
                               "3:1-2 E0101 expected a statement, found `}`\n");
  CHECK(ast::Dump(*p->file) == "(let a 1)\n(let b 2)\n");
}

TEST_CASE("recovery: broken nested blocks are reported once each, in order", "[syntax]") {
  // Unclosed blocks and broken statements at random indentation once made
  // recovery re-parse the same lines over and over (found by the fuzzer).
  const char* fragments[] = {"for x in y {", "if a {", "} else {", "}", "let = ", "t \"n\" on w {",
                             "  a = [1,", "  b: 2", "\"open", "module m(a: int) {", "%%%", "[",
                             "let y = 1"};
  std::string text;
  unsigned seed = 7;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245 + 12345;
    text += std::string((seed >> 8) % 5, ' ') + fragments[(seed >> 16) % 13] + "\n";
  }
  auto p = ParseText(text);
  REQUIRE(p->diags.has_errors());
  uint32_t last = 0;
  for (const Diagnostic& d : p->diags.all()) {
    CHECK(d.span.begin >= last);
    last = d.span.begin + 1;
  }
  CHECK(p->diags.error_count() < 3000);
}

}  // namespace
}  // namespace kilter::compiler
