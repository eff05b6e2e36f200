#include "compiler/base/spellcheck.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {

TEST_CASE("EditDistance counts insertions, deletions and substitutions", "[spellcheck]") {
  CHECK(EditDistance("kitten", "sitting", 10) == 3);
  CHECK(EditDistance("", "abc", 10) == 3);
  CHECK(EditDistance("same", "same", 10) == 0);
  CHECK(EditDistance("port", "prot", 10) == 2);
}

TEST_CASE("EditDistance stops early past the maximum", "[spellcheck]") {
  CHECK(EditDistance("a", "abcdefgh", 2) == 3);
  CHECK(EditDistance("abcdef", "uvwxyz", 2) == 3);
}

TEST_CASE("ClosestMatch suggests only near names", "[spellcheck]") {
  std::vector<std::string> fields = {"memory_consumption", "max_accelerated_files", "enable"};
  CHECK(ClosestMatch("memory_consumtion", fields) == "memory_consumption");
  CHECK(ClosestMatch("enabel", fields) == "enable");
  CHECK(ClosestMatch("jit", fields).empty());
  CHECK(ClosestMatch("x", {}).empty());
}

TEST_CASE("DidYouMean phrases the hint", "[spellcheck]") {
  CHECK(DidYouMean("adress", {"address", "user", "port"}) == "did you mean address?");
  CHECK(DidYouMean("zzzz", {"address"}).empty());
}

}  // namespace kilter::compiler
