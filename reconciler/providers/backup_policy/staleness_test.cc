#include "reconciler/providers/backup_policy/staleness.h"

#include <catch2/catch.hpp>


using namespace kilter::reconciler;
using namespace kilter::reconciler::backup;
using namespace std::chrono_literals;

TEST_CASE("backup.policy: RFC 3339 times as restic prints them") {
  CHECK(ParseRfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseRfc3339("2026-11-27T03:00:00Z") == 1795748400);
  CHECK(ParseRfc3339("2026-11-27T04:00:00.123456789+01:00") == 1795748400);
  CHECK(ParseRfc3339("2026-11-27T02:30:00-00:30") == 1795748400);
  CHECK_FALSE(ParseRfc3339("yesterday").has_value());
  CHECK_FALSE(ParseRfc3339("2026-11-27T03:00:00").has_value());
}

TEST_CASE("backup.policy: staleness allows the schedule's longest gap plus grace") {
  CHECK_FALSE(StaleProblem(100000, 100000 - 86400 - 3600, std::nullopt, 24h, 2h));
  CHECK(StaleProblem(100000, 100000 - 86400 - 7201, std::nullopt, 24h, 2h));
  CHECK_FALSE(StaleProblem(100000, std::nullopt, 100000 - 3600, 24h,
                           2h));  // just installed
  CHECK(*StaleProblem(200000, std::nullopt, 0, 24h, 0h) ==
        "stale backup: no snapshot at all, 2d 7h after the schedule was "
        "installed; the schedule "
        "runs at least every 1d 0h, grace 0s");
}
