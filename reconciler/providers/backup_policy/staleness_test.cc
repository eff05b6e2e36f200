#include "reconciler/providers/backup_policy/staleness.h"

#include <catch2/catch.hpp>


using namespace kilter::reconciler;
using namespace kilter::reconciler::backup;
using namespace std::chrono_literals;

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
