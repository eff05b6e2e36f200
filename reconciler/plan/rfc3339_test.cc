#include "reconciler/plan/rfc3339.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler;

TEST_CASE("RFC 3339 times as kilter and restic print them") {
  CHECK(ParseRfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseRfc3339("2026-11-27T03:00:00Z") == 1795748400);
  CHECK(ParseRfc3339("2026-11-27T04:00:00.123456789+01:00") == 1795748400);
  CHECK(ParseRfc3339("2026-11-27T02:30:00-00:30") == 1795748400);
  CHECK_FALSE(ParseRfc3339("yesterday").has_value());
  CHECK_FALSE(ParseRfc3339("2026-11-27T03:00:00").has_value());
}
