#include "compiler/base/spellcheck.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {
namespace {

TEST_CASE("EditDistance counts edits and swaps", "[spellcheck]") {
  CHECK(EditDistance("kitten", "sitting", 10) == 3);
  CHECK(EditDistance("", "abc", 10) == 3);
  CHECK(EditDistance("same", "same", 10) == 0);
  CHECK(EditDistance("memroy", "memory", 10) == 1);
}

TEST_CASE("EditDistance stops past the limit", "[spellcheck]") {
  CHECK(EditDistance("a", "abcdefgh", 2) == 3);
  CHECK(EditDistance("abcdef", "uvwxyz", 2) == 3);
}

TEST_CASE("ClosestMatch finds likely typos only", "[spellcheck]") {
  std::vector<std::string> fields = {"memory_consumption", "max_accelerated_files", "enable"};
  CHECK(ClosestMatch("memory_consumtion", fields) == "memory_consumption");
  CHECK(ClosestMatch("enabel", fields) == "enable");
  CHECK(ClosestMatch("ENABLE", fields) == "enable");
  CHECK(ClosestMatch("colour", fields).empty());
  CHECK(ClosestMatch("enable", fields).empty());
}

TEST_CASE("DidYouMean words the hint", "[spellcheck]") {
  CHECK(DidYouMean("web3", {"web1", "db1"}) == "did you mean web1?");
  CHECK(DidYouMean("zzzz", {"web1"}).empty());
}

}  // namespace
}  // namespace kilter::compiler
