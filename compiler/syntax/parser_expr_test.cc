#include <catch2/catch.hpp>

#include "compiler/syntax/syntax_test_util.h"

namespace kilter::compiler {
namespace {

using testing::ExprOf;
using testing::ParseText;

TEST_CASE("precedence: ternary < || < && < comparison < range < + - < * / % < unary < postfix",
          "[syntax]") {
  CHECK(ExprOf("1 + 2 * 3") == "(+ 1 (* 2 3))");
  CHECK(ExprOf("1 * 2 + 3") == "(+ (* 1 2) 3)");
  CHECK(ExprOf("a || b && c") == "(|| a (&& b c))");
  CHECK(ExprOf("a && b || c") == "(|| (&& a b) c)");
  CHECK(ExprOf("a == b && c != d") == "(&& (== a b) (!= c d))");
  CHECK(ExprOf("x < 1 + 2") == "(< x (+ 1 2))");
  CHECK(ExprOf("1..n + 1") == "(.. 1 (+ n 1))");
  CHECK(ExprOf("a ? b : c ? d : e") == "(? a b (? c d e))");
  CHECK(ExprOf("a || b ? c + 1 : d") == "(? (|| a b) (+ c 1) d)");
  CHECK(ExprOf("!a && -b < c") == "(&& (! a) (< (- b) c))");
  CHECK(ExprOf("-a.b[0]") == "(- (index (. b a) 0))");
  CHECK(ExprOf("!!x") == "(! (! x))");
  CHECK(ExprOf("a - b - c") == "(- (- a b) c)");
  CHECK(ExprOf("a / b % c") == "(% (/ a b) c)");
  CHECK(ExprOf("a <= b") == "(<= a b)");
  CHECK(ExprOf("a >= b") == "(>= a b)");
  CHECK(ExprOf("a > b") == "(> a b)");
}

TEST_CASE("parentheses group and are remembered for fmt", "[syntax]") {
  CHECK(ExprOf("(1 + 2) * 3") == "(* (paren (+ 1 2)) 3)");
  CHECK(ExprOf("((a))") == "(paren a)");
}

TEST_CASE("postfix: index, member, call", "[syntax]") {
  CHECK(ExprOf("a[1][2]") == "(index (index a 1) 2)");
  CHECK(ExprOf("a.b.c") == "(. c (. b a))");
  CHECK(ExprOf("len(xs)") == "(call len xs)");
  CHECK(ExprOf("f()") == "(call f)");
  CHECK(ExprOf("f(a, b + 1,)") == "(call f a (+ b 1))");
  CHECK(ExprOf("cfg.group") == "(. group cfg)");
  CHECK(ExprOf("f(x).y[0]") == "(index (. y (call f x)) 0)");
}

TEST_CASE("literals keep their text as written", "[syntax]") {
  CHECK(ExprOf("42") == "42");
  CHECK(ExprOf("1.5") == "1.5");
  CHECK(ExprOf("true") == "true");
  CHECK(ExprOf("false") == "false");
  for (const char* size : {"512B", "64KiB", "256MiB", "2GiB", "1TiB", "10KB", "5MB", "1GB", "2TB"}) {
    CHECK(ExprOf(size) == size);
  }
  for (const char* d : {"250ms", "2s", "5m", "1h", "7d", "1h30m", "1d2h3m4s5ms"}) {
    CHECK(ExprOf(d) == d);
  }
  CHECK(ExprOf("10.0.0.1") == "10.0.0.1");
  CHECK(ExprOf("10.0.0.0/8") == "10.0.0.0/8");
  CHECK(ExprOf("0.0.0.0/0") == "0.0.0.0/0");
}

TEST_CASE("literal kinds", "[syntax]") {
  using K = ast::Expr::Kind;
  auto kind_of = [](const std::string& text) {
    auto p = ParseText("let x = " + text);
    REQUIRE_FALSE(p->diags.has_errors());
    return std::get<ast::Let>(p->file->body.at(0).node).value->kind;
  };
  CHECK(kind_of("1") == K::kInt);
  CHECK(kind_of("1.0") == K::kFloat);
  CHECK(kind_of("1MiB") == K::kSize);
  CHECK(kind_of("1m") == K::kDuration);
  CHECK(kind_of("1.2.3.4") == K::kIp);
  CHECK(kind_of("1.2.3.4/32") == K::kCidr);
  CHECK(kind_of("\"s\"") == K::kString);
  CHECK(kind_of("true") == K::kBool);
  CHECK(kind_of("x") == K::kIdent);
  CHECK(kind_of("1..2") == K::kRange);
}

TEST_CASE("ranges are not floats and addresses are not floats", "[syntax]") {
  CHECK(ExprOf("1..10") == "(.. 1 10)");
  CHECK(ExprOf("1.5..2.5") == "(.. 1.5 2.5)");
  CHECK(ExprOf("8MiB..16GiB") == "(.. 8MiB 16GiB)");
  CHECK(ExprOf("10.0.0.1..10.0.0.9") == "(.. 10.0.0.1 10.0.0.9)");
  CHECK(ExprOf("8000 .. 8100") == "(.. 8000 8100)");
  CHECK(ExprOf("a..b") == "(.. a b)");
}

TEST_CASE("minus: unary and binary", "[syntax]") {
  CHECK(ExprOf("-1") == "(- 1)");
  CHECK(ExprOf("a - 1") == "(- a 1)");
  CHECK(ExprOf("a-1") == "(- a 1)");
  CHECK(ExprOf("a - -1") == "(- a (- 1))");
  CHECK(ExprOf("[1, -2]") == "(list 1 (- 2))");
}

TEST_CASE("strings: escapes and nested interpolation", "[syntax]") {
  CHECK(ExprOf(R"("plain")") == R"((str "plain"))");
  CHECK(ExprOf(R"("")") == "(str)");
  CHECK(ExprOf(R"("a\"b\\c\nd\te\rf")") == R"((str "a\"b\\c\nd\te\rf"))");
  CHECK(ExprOf(R"("${t}_date")") == R"((str (interp t) "_date"))");
  CHECK(ExprOf(R"("a${x + 1}b${y}")") == R"((str "a" (interp (+ x 1)) "b" (interp y)))");
  CHECK(ExprOf(R"("${"in${x}"}")") == R"((str (interp (str "in" (interp x)))))");
  CHECK(ExprOf(R"("cost: $5 ${x}")") == R"((str "cost: $5 " (interp x)))");
  CHECK(ExprOf(R"("\${not}")") == R"((str "\${not}"))");
  CHECK(ExprOf(R"("$")") == R"((str "$"))");
  CHECK(ExprOf(R"("#not a comment")") == R"((str "#not a comment"))");
  CHECK(ExprOf("\"caf\xC3\xA9\"") == "(str \"caf\xC3\xA9\")");
}

TEST_CASE("lists: empty, trailing comma, multi-line, comments inside", "[syntax]") {
  CHECK(ExprOf("[]") == "(list)");
  CHECK(ExprOf("[1, 2, 3,]") == "(list 1 2 3)");
  CHECK(ExprOf("[\n  1,  # one\n  2,\n  # end\n]") == "(list 1 2)");
  CHECK(ExprOf("[[1], [2, [3]]]") == "(list (list 1) (list 2 (list 3)))");
}

TEST_CASE("objects: commas or newlines, word or string keys", "[syntax]") {
  CHECK(ExprOf("{}") == "(obj)");
  CHECK(ExprOf("{ a = 1, b = 2 }") == R"((obj ("a" 1) ("b" 2)))");
  CHECK(ExprOf("{\n  a = 1\n  b = [2]\n}") == R"((obj ("a" 1) ("b" (list 2))))");
  CHECK(ExprOf(R"({ "www.example.com" = 1, if = 2 })") ==
        R"((obj ("www.example.com" 1) ("if" 2)))");
  CHECK(ExprOf("{ a = { b = 1 } }") == R"((obj ("a" (obj ("b" 1)))))");
}

TEST_CASE("expressions may continue on the next line after an operator", "[syntax]") {
  CHECK(ExprOf("a +\n  b") == "(+ a b)");
  CHECK(ExprOf("a ?\n b :\n c") == "(? a b c)");
}

TEST_CASE("spans cover exactly the node's text", "[syntax]") {
  auto p = ParseText("let x = a + f(b)[1] # c\n");
  REQUIRE_FALSE(p->diags.has_errors());
  const ast::Let& let = std::get<ast::Let>(p->file->body.at(0).node);
  auto text = [&](Span s) { return p->file->source->text().substr(s.begin, s.end - s.begin); };
  CHECK(text(let.span) == "let x = a + f(b)[1]");
  CHECK(text(let.name_span) == "x");
  CHECK(text(let.value->span) == "a + f(b)[1]");
  CHECK(text(let.value->operands[1]->span) == "f(b)[1]");
  CHECK(text(let.value->operands[1]->operands[0]->span) == "f(b)");
  CHECK(text(let.value->operands[1]->operands[0]->operands[0]->span) == "b");
  REQUIRE(p->file->comments.size() == 1);
  CHECK(p->file->comments[0].text == "# c");
  CHECK(text(p->file->comments[0].span) == "# c");
}

}  // namespace
}  // namespace kilter::compiler
