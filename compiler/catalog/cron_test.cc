#include "compiler/catalog/cron.h"

#include <catch2/catch.hpp>

using kilter::catalog::CronError;
using kilter::catalog::LongestGap;
using kilter::catalog::ParseCron;
using namespace std::chrono_literals;

namespace {

std::string ErrorOf(const char* expr) {
  CronError error;
  REQUIRE_FALSE(ParseCron(expr, error).has_value());
  return error.message;
}

std::chrono::minutes GapOf(const char* expr) {
  CronError error;
  auto schedule = ParseCron(expr, error);
  REQUIRE(schedule.has_value());
  auto gap = LongestGap(*schedule);
  REQUIRE(gap.has_value());
  return *gap;
}

}  // namespace

TEST_CASE("cron: valid schedules and their longest gap") {
  CHECK(GapOf("0 3 * * *") == 24h);
  CHECK(GapOf("*/15 * * * *") == 15min);
  CHECK(GapOf("0 */6 * * *") == 6h);
  CHECK(GapOf("30 2 * * mon-fri") == 72h);  // Friday 02:30 to Monday 02:30
  CHECK(GapOf("0 0 * * 0") == 168h);
  CHECK(GapOf("0 0 * * 7") == 168h);  // 7 is Sunday too
  CHECK(GapOf("@daily") == 24h);
  CHECK(GapOf("@hourly") == 1h);
  CHECK(GapOf("0 4 1 * *") == 31 * 24h);
  CHECK(GapOf("0 0 29 2 *") > 365 * 24h);  // leap days only
}

TEST_CASE("cron: day of month and day of week are ORed when both are restricted") {
  CronError error;
  auto s = ParseCron("0 0 1 * mon", error);
  REQUIRE(s);
  CHECK(s->Matches(0, 0, 1, 5, 3));   // the 1st, a Wednesday
  CHECK(s->Matches(0, 0, 12, 5, 1));  // a Monday
  CHECK_FALSE(s->Matches(0, 0, 12, 5, 2));
}

TEST_CASE("cron: errors say what and where") {
  CHECK(ErrorOf("61 * * * *") == "61 out of range: the minute field takes 0..59");
  CHECK(ErrorOf("0 3 * *") ==
        "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 4");
  CHECK(ErrorOf("0 3 * foo *") == "'foo' is not a valid month");
  CHECK(ErrorOf("*/0 * * * *") == "the step in the minute field must be a positive number");
  CHECK(ErrorOf("0 5-2 * * *") == "5-2 out of range: the hour field takes 0..23");
  CHECK(ErrorOf("@reboot").find("unknown schedule '@reboot'") == 0);
  CronError error;
  REQUIRE_FALSE(ParseCron("0 3 * * 8", error));
  CHECK(error.offset == 8);
  CHECK(error.length == 1);
}

TEST_CASE("cron: a schedule that never fires has no gap") {
  CronError error;
  auto s = ParseCron("0 0 31 2 *", error);
  REQUIRE(s);
  CHECK_FALSE(LongestGap(*s).has_value());
}
