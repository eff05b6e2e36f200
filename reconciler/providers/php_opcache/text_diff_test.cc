#include "reconciler/providers/php_opcache/text_diff.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_opcache {

TEST_CASE("php.opcache file diffs list every line", "[php_opcache]") {
  CHECK(LineDiff("/x.ini", "a\nb\nc\n", "a\nB\nc\nd\n") ==
        "--- /x.ini\n+++ /x.ini\n a\n-b\n+B\n c\n+d\n");
  CHECK(LineDiff("/x.ini", "", "a\n") == "--- /x.ini\n+++ /x.ini\n+a\n");
  CHECK(LineDiff("/x.ini", "a\n", "") == "--- /x.ini\n+++ /x.ini\n-a\n");
}

}  // namespace kilter::reconciler::php_opcache
