#include <catch2/catch.hpp>

#include "compiler/catalog/text.h"

namespace kilter::catalog {

TEST_CASE("Lower and Trim", "[text]") {
  CHECK(Lower("BTREE Asc") == "btree asc");
  CHECK(Trim(" \t value x\t ") == "value x");
  CHECK(Trim(" \t ").empty());
  CHECK(Trim("") == "");
  CHECK(Trim("Error: no such table\n\n") == "Error: no such table");
}

}  // namespace kilter::catalog
