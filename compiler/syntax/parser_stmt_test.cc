#include <catch2/catch.hpp>

#include "compiler/syntax/syntax_test_util.h"

namespace kilter::compiler {
namespace {

using testing::DumpOf;
using testing::ParseText;

TEST_CASE("import, param, let, group", "[syntax]") {
  CHECK(DumpOf("import \"./common.kilt\"\nimport \"profiles/opencart\"") ==
        "(import \"./common.kilt\")\n(import \"profiles/opencart\")\n");
  CHECK(DumpOf("param env: string = \"prod\"") == "(param env (string) (str \"prod\"))\n");
  CHECK(DumpOf("param workers: int") == "(param workers (int))\n");
  CHECK(DumpOf("param mem: size in 8MiB..1GiB = 64MiB") ==
        "(param mem (size (in (.. 8MiB 1GiB))) 64MiB)\n");
  CHECK(DumpOf("let a = 1") == "(let a 1)\n");
  CHECK(DumpOf("group web = [\"web1\", \"web2\"]") == "(group web (list (str \"web1\") (str \"web2\")))\n");
  CHECK(DumpOf("group all = web + db") == "(group all (+ web db))\n");
}

TEST_CASE("resources: dotted type, target expressions, field separators", "[syntax]") {
  CHECK(DumpOf("php.opcache \"s\" on web {\n  a = 1\n  b = \"x\"\n}") ==
        "(resource php.opcache (str \"s\") (on web) (a 1) (b (str \"x\")))\n");
  CHECK(DumpOf("php.opcache \"s\" on web { a = 1, b = 2 }") ==
        "(resource php.opcache (str \"s\") (on web) (a 1) (b 2))\n");
  CHECK(DumpOf("php.opcache \"s\" on web { a = 1, b = 2, }") ==
        "(resource php.opcache (str \"s\") (on web) (a 1) (b 2))\n");
  CHECK(DumpOf("x \"s\" on [\"web1\", \"db1\"] {}") ==
        "(resource x (str \"s\") (on (list (str \"web1\") (str \"db1\"))))\n");
  CHECK(DumpOf("a.b.c \"s\" on web + db1 {\n}") == "(resource a.b.c (str \"s\") (on (+ web db1)))\n");
  CHECK(DumpOf("t \"s\" on h {\n  group = \"www-data\"\n  after = [x]\n}") ==
        "(resource t (str \"s\") (on h) (group (str \"www-data\")) (after (list x)))\n");
}

TEST_CASE("for and if/else if/else", "[syntax]") {
  CHECK(DumpOf("for t in [\"a\"] {\n  let x = t\n}") == "(for t (list (str \"a\")) (let x t))\n");
  CHECK(DumpOf("if a {\n} else if b {\n  let x = 1\n} else {\n  let y = 2\n}") ==
        "(if a (then) (else (elseif b (then (let x 1)) (else (let y 2)))))\n");
  CHECK(DumpOf("if a {\n}\nelse {\n}") == "(if a (then) (else))\n");
  CHECK(DumpOf("if a {\n} else {\n  if b {\n  }\n}") ==
        "(if a (then) (else (if b (then) (else))))\n");
  CHECK(DumpOf("for x in xs { for y in ys { let z = x } }") ==
        "(for x xs (for y ys (let z x)))\n");
}

TEST_CASE("module and use", "[syntax]") {
  CHECK(DumpOf("module web_node(hosts: group, mem: size = 128MiB) {\n"
               "  php.opcache \"main\" on hosts { memory_consumption = mem }\n}") ==
        "(module web_node (params (field hosts (group)) (field mem (size) (default 128MiB))) "
        "(resource php.opcache (str \"main\") (on hosts) (memory_consumption mem)))\n");
  CHECK(DumpOf("module m() {}") == "(module m (params))\n");
  CHECK(DumpOf("module m(\n  a: int,\n  b: string = \"x\",\n) {}") ==
        "(module m (params (field a (int)) (field b (string) (default (str \"x\")))))\n");
  CHECK(DumpOf("use web_node \"shop\" (hosts = web, mem = 256MiB)") ==
        "(use web_node (str \"shop\") (hosts web) (mem 256MiB))\n");
  CHECK(DumpOf("use web_node \"shop\"") == "(use web_node (str \"shop\"))\n");
  CHECK(DumpOf("use m \"i\" (\n  a = 1,\n  b = 2,\n)") == "(use m (str \"i\") (a 1) (b 2))\n");
}

TEST_CASE("schemas: doc, fields with constraints, enums, optional, sensitive, checks",
          "[syntax]") {
  CHECK(DumpOf(R"(schema php.opcache {
  "PHP OPcache directives."
  enable: bool = true                              "opcache.enable"
  memory_consumption: size in 8MiB..16GiB = 128MiB "opcache.memory_consumption"
  jit: "disable" | "off" | "tracing" = "disable"
  password: string? "the secret" sensitive
  tags: [string] = []
  limits: map[int]
  retention: { daily: int = 7 "days", weekly: int? }
  ports: [port in 1..1024]
  warn validate_timestamps && revalidate_freq == 0s : "stats every file"
  assert enable || !jit_on : "jit needs opcache"
})") == "(schema php.opcache (doc \"PHP OPcache directives.\")"
        " (field enable (bool) (default true) (doc \"opcache.enable\"))"
        " (field memory_consumption (size (in (.. 8MiB 16GiB))) (default 128MiB)"
        " (doc \"opcache.memory_consumption\"))"
        " (field jit (enum \"disable\" \"off\" \"tracing\") (default (str \"disable\")))"
        " (field password (string optional) (doc \"the secret\") sensitive)"
        " (field tags (list (string)) (default (list)))"
        " (field limits (map (int)))"
        " (field retention (object (field daily (int) (default 7) (doc \"days\"))"
        " (field weekly (int optional))))"
        " (field ports (list (port (in (.. 1 1024)))))"
        " (warn (&& validate_timestamps (== revalidate_freq 0s)) (str \"stats every file\"))"
        " (assert (|| enable (! jit_on)) (str \"jit needs opcache\")))\n");
  CHECK(DumpOf("schema t {}") == "(schema t (doc \"\"))\n");
  // `memory` starts a memory line, unless a colon makes it a field's name.
  CHECK(DumpOf("schema t {\n  memory: size\n  memory enabled ? memory : 0B : \"m\"\n}") ==
        "(schema t (doc \"\") (field memory (size))"
        " (memory (? enabled memory 0B) (str \"m\")))\n");
  CHECK(DumpOf("schema t { a: string in [\"x\", \"y\"] }") ==
        "(schema t (doc \"\") (field a (string (in (list (str \"x\") (str \"y\"))))))\n");
}

TEST_CASE("comments anywhere, CRLF line ends, BOM", "[syntax]") {
  auto p = ParseText("\xEF\xBB\xBF# head\r\nlet a = 1 # tail\r\n# own\r\nlet b = [ # in\r\n 1]\r\n");
  REQUIRE_FALSE(p->diags.has_errors());
  CHECK(ast::Dump(*p->file) == "(let a 1)\n(let b (list 1))\n");
  REQUIRE(p->file->comments.size() == 4);
  CHECK(p->file->comments[0].text == "# head");
  CHECK(p->file->comments[1].text == "# tail");
  CHECK(p->file->comments[2].text == "# own");
  CHECK(p->file->comments[3].text == "# in");
}

TEST_CASE("empty and comment-only files", "[syntax]") {
  CHECK(DumpOf("") == "");
  CHECK(DumpOf("\n\n  \n") == "");
  auto p = ParseText("# only a comment");
  CHECK_FALSE(p->diags.has_errors());
  CHECK(p->file->comments.size() == 1);
}

TEST_CASE("statement spans and names", "[syntax]") {
  auto p = ParseText("php.opcache \"s\" on web {\n  a = 1\n}  # c\n");
  REQUIRE_FALSE(p->diags.has_errors());
  const auto& r = std::get<ast::Resource>(p->file->body.at(0).node);
  auto text = [&](Span s) { return p->file->source->text().substr(s.begin, s.end - s.begin); };
  CHECK(text(r.span) == "php.opcache \"s\" on web {\n  a = 1\n}");
  CHECK(text(r.type_span) == "php.opcache");
  CHECK(text(r.name->span) == "\"s\"");
  CHECK(text(r.fields.at(0).span) == "a = 1");
  CHECK(text(r.fields.at(0).name_span) == "a");
}

}  // namespace
}  // namespace kilter::compiler
