#include "reconciler/transport/shell_quote.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {
namespace {

TEST_CASE("ShellQuote leaves plain words alone", "[transport]") {
  CHECK(ShellQuote("/etc/php/8.2/fpm") == "/etc/php/8.2/fpm");
  CHECK(ShellQuote("a=b,c:d+e@f%") == "a=b,c:d+e@f%");
}

TEST_CASE("ShellQuote quotes what the shell would interpret", "[transport]") {
  CHECK(ShellQuote("") == "''");
  CHECK(ShellQuote("a b") == "'a b'");
  CHECK(ShellQuote("$HOME") == "'$HOME'");
  CHECK(ShellQuote("it's") == "'it'\\''s'");
  CHECK(ShellQuote("*") == "'*'");
  CHECK(ShellQuote("~root") == "'~root'");
  CHECK(ShellQuote("line\nbreak") == "'line\nbreak'");
}

TEST_CASE("ShellJoin quotes each word", "[transport]") {
  CHECK(ShellJoin({"printf", "%s\\n", "a b", "'"}) == "printf '%s\\n' 'a b' ''\\'''");
  CHECK(ShellJoin({}).empty());
}

}  // namespace
}  // namespace kilter::reconciler
