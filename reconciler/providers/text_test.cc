#include "reconciler/providers/text.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("Lower and Trim", "[text]") {
  CHECK(Lower("BTREE Asc") == "btree asc");
  CHECK(Trim(" \t value x\t ") == "value x");
  CHECK(Trim(" \t ").empty());
  CHECK(Trim("") == "");
}

}  // namespace kilter::reconciler
