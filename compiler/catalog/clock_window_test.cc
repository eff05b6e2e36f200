#include "compiler/catalog/clock_window.h"

#include <catch2/catch.hpp>

using kilter::catalog::ParseClockWindow;
using kilter::catalog::ParseRunSchedule;
using kilter::catalog::ShowClock;

TEST_CASE("clock window: the two schedule forms and their cron fields") {
  auto daily = ParseRunSchedule("daily 03:30");
  REQUIRE(daily);
  CHECK(daily->Cron() == "30 3 * * *");
  CHECK(daily->PeriodSeconds() == 86400);
  auto weekly = ParseRunSchedule("weekly sun 23:05");
  REQUIRE(weekly);
  CHECK(weekly->Cron() == "5 23 * * 0");
  CHECK(weekly->PeriodSeconds() == 7 * 86400);
  for (const char* bad : {"nightly 03:30", "daily 3:30", "daily 24:00", "daily 03:60",
                          "weekly sunday 03:30", "weekly 03:30", "daily", "30 3 * * *", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseRunSchedule(bad));
  }
}

TEST_CASE("clock window: a window inside a day, one crossing midnight, and bad ones") {
  auto night = ParseClockWindow("03:00-05:00");
  REQUIRE(night);
  CHECK(night->Contains(180));
  CHECK(night->Contains(299));
  CHECK_FALSE(night->Contains(300));
  CHECK_FALSE(night->Contains(179));
  CHECK(night->MinutesLeft(210) == 90);

  auto across = ParseClockWindow("23:00-01:00");
  REQUIRE(across);
  CHECK(across->Contains(23 * 60 + 30));
  CHECK(across->Contains(30));
  CHECK_FALSE(across->Contains(60));
  CHECK_FALSE(across->Contains(12 * 60));
  CHECK(across->MinutesLeft(23 * 60 + 30) == 90);

  for (const char* bad : {"03:00-03:00", "03:00", "3:00-5:00", "03:00-25:00", "03:00 - 05:00",
                          "03:00-05:00-07:00"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseClockWindow(bad));
  }
  CHECK(ShowClock(210) == "03:30");
}
