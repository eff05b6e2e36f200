#include <catch2/catch.hpp>

#include "compiler/syntax/literals.h"

namespace kilter::compiler {
namespace {

using K = ast::Expr::Kind;

TEST_CASE("ClassifyNumber sorts number-like tokens", "[syntax]") {
  CHECK(literals::ClassifyNumber("0").kind == K::kInt);
  CHECK(literals::ClassifyNumber("3.25").kind == K::kFloat);
  CHECK(literals::ClassifyNumber("512B").kind == K::kSize);
  CHECK(literals::ClassifyNumber("1TB").kind == K::kSize);
  CHECK(literals::ClassifyNumber("250ms").kind == K::kDuration);
  CHECK(literals::ClassifyNumber("1h30m").kind == K::kDuration);
  CHECK(literals::ClassifyNumber("255.255.255.255").kind == K::kIp);
  CHECK(literals::ClassifyNumber("192.168.0.0/16").kind == K::kCidr);
  CHECK(literals::ClassifyNumber("1s1s").code == "E0104");
  CHECK(literals::ClassifyNumber("1GiB512MiB").code == "E0104");
  CHECK(literals::ClassifyNumber("1.2.3.4/x").code == "E0105");
  CHECK(literals::ClassifyNumber("0001.2.3.4").code == "E0105");
  CHECK(literals::ClassifyNumber("9223372036854775807").code.empty());
  CHECK(literals::ClassifyNumber("9223372036854775808").code == "E0104");
}

TEST_CASE("SizeBytes and DurationMillis give literal values", "[syntax]") {
  CHECK(literals::SizeBytes("512B") == 512u);
  CHECK(literals::SizeBytes("64KiB") == 65536u);
  CHECK(literals::SizeBytes("256MiB") == 268435456u);
  CHECK(literals::SizeBytes("2GB") == 2000000000u);
  CHECK(literals::SizeBytes("1TiB") == 1099511627776u);
  CHECK_FALSE(literals::SizeBytes("5s"));
  CHECK_FALSE(literals::SizeBytes("99999999999999TiB"));
  CHECK(literals::DurationMillis("250ms") == 250u);
  CHECK(literals::DurationMillis("2s") == 2000u);
  CHECK(literals::DurationMillis("5m") == 300000u);
  CHECK(literals::DurationMillis("1h30m") == 5400000u);
  CHECK(literals::DurationMillis("7d") == 604800000u);
  CHECK_FALSE(literals::DurationMillis("5MiB"));
  CHECK_FALSE(literals::DurationMillis(""));
}

TEST_CASE("EscapeString round-trips through the string syntax", "[syntax]") {
  CHECK(literals::EscapeString("plain") == "plain");
  CHECK(literals::EscapeString("a\"b\\c\nd\te\r") == "a\\\"b\\\\c\\nd\\te\\r");
  CHECK(literals::EscapeString("${x} $y $") == "\\${x} $y $");
  CHECK(literals::IsIdentifier("ab_1"));
  CHECK_FALSE(literals::IsIdentifier("1ab"));
  CHECK_FALSE(literals::IsIdentifier("a-b"));
  CHECK_FALSE(literals::IsIdentifier(""));
}

}  // namespace
}  // namespace kilter::compiler
