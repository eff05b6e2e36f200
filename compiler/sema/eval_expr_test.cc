#include <catch2/catch.hpp>

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {
namespace {

/// The catalog JSON of `expr`, evaluated as the default of a param of type any.
nlohmann::json Value(const std::string& expr) {
  Result r;
  Evaluate(r, "param p: any = " + expr + "\n");
  INFO(expr << "\n" << r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  return r.params["p"];
}

/// The code of the one error `expr` gives.
std::string ErrorOf(const std::string& expr) {
  Result r;
  Evaluate(r, "let x = " + expr + "\n");
  INFO(expr << "\n" << r.Text());
  REQUIRE(r.diags.error_count() == 1);
  return r.diags.all()[0].code;
}

TEST_CASE("arithmetic keeps units", "[eval]") {
  CHECK(Value("1 + 2 * 3") == 7);
  CHECK(Value("7 / 2") == 3);
  CHECK(Value("7 % 4") == 3);
  CHECK(Value("1 + 0.5") == 1.5);
  CHECK(Value("128MiB + 128MiB") == 268435456);
  CHECK(Value("64MiB * 4") == 268435456);
  CHECK(Value("2 * 1KiB") == 2048);
  CHECK(Value("1GiB / 4") == 268435456);
  CHECK(Value("1GiB / 256MiB") == 4.0);
  CHECK(Value("1GiB * 0.25") == 268435456);
  CHECK(Value("1m - 30s") == 30000);
  CHECK(Value("-5s + 10s") == 5000);
  CHECK(Value("90s % 1m") == 30000);
}

TEST_CASE("comparisons, logic and the ternary", "[eval]") {
  CHECK(Value("1MiB < 1MB") == false);
  CHECK(Value("2s == 2000ms") == true);
  CHECK(Value("0s == 0") == true);
  CHECK(Value("\"a\" < \"b\"") == true);
  CHECK(Value("1 == 1.0") == true);
  CHECK(Value("[1, 2] == [1, 2]") == true);
  CHECK(Value("true && !false") == true);
  CHECK(Value("false && 1 / 0 == 1") == false);
  CHECK(Value("true || 1 / 0 == 1") == true);
  CHECK(Value("1 > 2 ? \"yes\" : \"no\"") == "no");
}

TEST_CASE("strings, lists, objects", "[eval]") {
  CHECK(Value("\"web-${1 + 1}-${256MiB}\"") == "web-2-256MiB");
  CHECK(Value("\"a\" + \"b\"") == "ab");
  CHECK(Value("[1, 2] + [3]") == nlohmann::json({1, 2, 3}));
  CHECK(Value("[10, 20, 30][1]") == 20);
  CHECK(Value("{ a = 1, b = { c = 2s } }.b.c") == 2000);
  CHECK(Value("{ a = 1 }[\"a\"]") == 1);
  CHECK(Value("8000..8100") == nlohmann::json({{"from", 8000}, {"to", 8100}}));
  CHECK(Value("10.0.0.1") == "10.0.0.1");
  CHECK(Value("10.0.0.0/8") == "10.0.0.0/8");
}

TEST_CASE("groups union without duplicates", "[eval]") {
  CHECK(Value("web + db1") == nlohmann::json({"web1", "web2", "db1"}));
  CHECK(Value("web + web1") == nlohmann::json({"web1", "web2"}));
  CHECK(Value("web + [\"db1\"]") == nlohmann::json({"web1", "web2", "db1"}));
}

TEST_CASE("built-in functions", "[eval]") {
  CHECK(Value("len([1, 2, 3])") == 3);
  CHECK(Value("len(\"abc\")") == 3);
  CHECK(Value("contains([\"a\", \"b\"], \"b\")") == true);
  CHECK(Value("keys({ a = 1, b = 2 })") == nlohmann::json({"a", "b"}));
  CHECK(Value("max(1MiB, 2MiB, 512KiB)") == 2097152);
  CHECK(Value("min([3, 1, 2])") == 1);
  CHECK(Value("upper(\"abc\") + lower(\"DEF\")") == "ABCdef");
  CHECK(Value("join([\"a\", 1, 2s], \",\")") == "a,1,2s");
  CHECK(Value("matches(\"1255\", \"[0-9]{4}\")") == true);
  CHECK(Value("pluck([{ a = 1, b = 2 }, { a = 3 }], \"b\")") == nlohmann::json({2, nullptr}));
  CHECK(Value("distinct([\"x\", \"y\", \"x\"])") == nlohmann::json({"x", "y"}));
  CHECK(Value("len(select([{ a = 1, b = true }, { a = 2, b = true }, { a = 1, b = false }], "
              "{ a = 1, b = true }))") == 1);
}

TEST_CASE("expression errors have their codes", "[eval]") {
  CHECK(ErrorOf("1 + \"a\"") == "E0501");
  CHECK(ErrorOf("128MiB + 5s") == "E0501");
  CHECK(ErrorOf("128MiB + 5") == "E0501");
  CHECK(ErrorOf("1 && true") == "E0501");
  CHECK(ErrorOf("1 / 0") == "E0502");
  CHECK(ErrorOf("1MiB / 0") == "E0502");
  CHECK(ErrorOf("[1, 2][2]") == "E0503");
  CHECK(ErrorOf("{ a = 1 }[\"b\"]") == "E0503");
  CHECK(ErrorOf("9223372036854775807 + 1") == "E0504");
  CHECK(ErrorOf("1 ? 2 : 3") == "E0505");
  CHECK(ErrorOf("nope(1)") == "E0507");
  CHECK(ErrorOf("len(1, 2)") == "E0507");
  CHECK(ErrorOf("pluck([1], \"a\")") == "E0507");
  CHECK(ErrorOf("select([{ a = 1 }], 1)") == "E0507");
  CHECK(ErrorOf("{ a = 1 }.b") == "E0508");
  CHECK(ErrorOf("\"${[1]}\"") == "E0509");
  CHECK(ErrorOf("{ a = 1, a = 2 }") == "E0510");
  CHECK(ErrorOf("10..1") == "E0501");
  CHECK(ErrorOf("undefined_thing") == "E0301");
}

TEST_CASE("an unknown name suggests a close one", "[eval]") {
  Result r;
  Evaluate(r, "let opcache_mem = 1MiB\nlet x = opcache_mme\n");
  const Diagnostic* d = r.Find("E0301");
  REQUIRE(d);
  CHECK(d->message == "unknown name `opcache_mme`");
  CHECK(d->hint == "did you mean opcache_mem?");
  CHECK(Result::Covered(*d) == "opcache_mme");
}

TEST_CASE("definitions may come in any order; cycles are reported", "[eval]") {
  Result ok;
  Evaluate(ok, "param p: int = a\nlet a = b + 1\nlet b = 2\n");
  INFO(ok.Text());
  CHECK(ok.params["p"] == 3);

  Result cycle;
  Evaluate(cycle, "let a = b\nlet b = c\nlet c = a\n");
  const Diagnostic* d = cycle.Find("E0312");
  REQUIRE(d);
  CHECK(d->message == "`a` depends on itself: a → b → c → a");
  CHECK(cycle.diags.error_count() == 1);
}

}  // namespace
}  // namespace kilter::compiler::testing
