#include "reconciler/providers/kit/late_run.h"

#include <catch2/catch.hpp>

using kilter::reconciler::kit::LateRunProblem;
using kilter::reconciler::kit::LateWords;

namespace {

const LateWords kBackup{"stale backup", "the newest snapshot", "no snapshot at all"};

}  // namespace

TEST_CASE("kit: a late run allows the schedule's longest gap plus grace") {
  CHECK_FALSE(LateRunProblem(100000, 100000 - 86400 - 3600, std::nullopt, 86400, 7200, kBackup));
  CHECK(*LateRunProblem(100000, 100000 - 86400 - 7201, std::nullopt, 86400, 7200, kBackup) ==
        "stale backup: the newest snapshot is 1d 2h old; the schedule runs at least every 1d 0h, "
        "grace 2h 0m");
  CHECK_FALSE(LateRunProblem(100000, std::nullopt, 100000 - 3600, 86400, 7200,
                             kBackup));  // just installed
  CHECK_FALSE(LateRunProblem(100000, std::nullopt, std::nullopt, 86400, 0, kBackup));
  CHECK(*LateRunProblem(200000, std::nullopt, 0, 86400, 0, kBackup) ==
        "stale backup: no snapshot at all, 2d 7h after the schedule was installed; the schedule "
        "runs at least every 1d 0h, grace 0s");
}
