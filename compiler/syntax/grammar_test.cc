#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "compiler/syntax/grammar.h"

namespace kilter::compiler {
namespace {

TEST_CASE("the grammar has no rule that can loop without consuming input", "[syntax]") {
  // analyze() prints each problem it finds and returns their number.
  CHECK(tao::pegtl::analyze<grammar::file>(1) == 0);
}

}  // namespace
}  // namespace kilter::compiler
