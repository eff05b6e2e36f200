#include "reconciler/transport/transport.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("CommandResult::Said: stderr, else stdout, without the trailing newline",
          "[transport]") {
  CHECK(CommandResult{1, "out\n", "no such unit\n\n"}.Said() == "no such unit");
  CHECK(CommandResult{1, "only stdout \r\n", ""}.Said() == "only stdout");
  CHECK(CommandResult{1, "", "two\nlines\n"}.Said() == "two\nlines");
  CHECK(CommandResult{1, "", ""}.Said().empty());
  CHECK(CommandResult{1, "\n", ""}.Said().empty());
}

}  // namespace kilter::reconciler
