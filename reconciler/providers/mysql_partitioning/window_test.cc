#include "reconciler/providers/mysql_partitioning/window.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql_partitioning {

namespace {

/// Local seconds of "YYYY-MM-DD HH:MM:SS" (or a date).
int64_t At(const std::string& text) { return *ParseBound(Interval::kMonth, text); }

std::vector<std::string> Names(const std::vector<WindowPart>& parts) {
  std::vector<std::string> out;
  for (const WindowPart& p : parts) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("mysql.partitioning: a monthly window keeps `keep` months before the current one and "
          "`ahead` after it",
          "[mysql.partitioning]") {
  std::vector<WindowPart> w = Window({Interval::kMonth, 1, 2, 3}, At("2026-12-07 15:00:00"));
  CHECK(Names(w) ==
        std::vector<std::string>{"p202610", "p202611", "p202612", "p202701", "p202702", "p202703"});
  CHECK(w.front().literal == "'2026-11-01'");
  CHECK(w.back().literal == "'2027-04-01'");
  CHECK(WindowStart({Interval::kMonth, 1, 2, 3}, At("2026-12-07")) == At("2026-10-01"));
}

TEST_CASE("mysql.partitioning: month ends and leap years", "[mysql.partitioning]") {
  // The last second of a month is still that month; the next is the next.
  CHECK(Window({Interval::kMonth, 1, 0, 1}, At("2028-02-29 23:59:59"))[0].name == "p202802");
  CHECK(Window({Interval::kMonth, 1, 0, 1}, At("2028-03-01 00:00:00"))[0].name == "p202803");
  // February of a leap year ends on the 29th, of 2100 (not leap) on the 28th.
  CHECK(Window({Interval::kDay, 1, 0, 1}, At("2028-02-28 12:00:00"))[1].name == "p20280229");
  CHECK(Window({Interval::kDay, 1, 0, 1}, At("2100-02-28 12:00:00"))[1].name == "p21000301");
  // A year end.
  std::vector<WindowPart> w = Window({Interval::kMonth, 1, 1, 1}, At("2026-12-31 23:59:59"));
  CHECK(Names(w) == std::vector<std::string>{"p202611", "p202612", "p202701"});
  CHECK(w[1].literal == "'2027-01-01'");
  CHECK(w[2].literal == "'2027-02-01'");
}

TEST_CASE("mysql.partitioning: weeks begin on Monday, across a year end", "[mysql.partitioning]") {
  // Thursday 2026-12-31 is in the week of Monday 2026-12-28.
  std::vector<WindowPart> w = Window({Interval::kWeek, 1, 1, 1}, At("2026-12-31 08:00:00"));
  CHECK(Names(w) == std::vector<std::string>{"p20261221", "p20261228", "p20270104"});
  CHECK(w[1].literal == "'2027-01-04'");
  // A Monday starts its own week; the Sunday before is in the previous one.
  CHECK(Window({Interval::kWeek, 1, 0, 1}, At("2026-12-07"))[0].name == "p20261207");
  CHECK(Window({Interval::kWeek, 1, 0, 1}, At("2026-12-06 23:59:59"))[0].name == "p20261130");
  // Before the epoch too (1970-01-01 was a Thursday).
  CHECK(Window({Interval::kWeek, 1, 0, 1}, At("1969-12-31"))[0].name == "p19691229");
}

TEST_CASE("mysql.partitioning: daily windows", "[mysql.partitioning]") {
  std::vector<WindowPart> w = Window({Interval::kDay, 1, 2, 1}, At("2027-03-01 00:00:00"));
  CHECK(Names(w) == std::vector<std::string>{"p20270227", "p20270228", "p20270301", "p20270302"});
  CHECK(w[1].literal == "'2027-03-01'");
}

TEST_CASE("mysql.partitioning: an id window in steps of the current maximum",
          "[mysql.partitioning]") {
  std::vector<WindowPart> w = Window({Interval::kId, 1000, 1, 2}, 2500);
  CHECK(Names(w) == std::vector<std::string>{"p1000", "p2000", "p3000", "p4000"});
  CHECK(w.front().literal == "2000");
  CHECK(w.back().literal == "5000");
  CHECK(WindowStart({Interval::kId, 1000, 1, 2}, 2500) == 1000);
  // An id at a step's start belongs to that step.
  CHECK(Window({Interval::kId, 1000, 0, 1}, 2000)[0].name == "p2000");
  // Keep reaching below zero names the partitions below it.
  CHECK(Window({Interval::kId, 1000, 2, 0}, 500)[0].name == "pm2000");
}

TEST_CASE("mysql.partitioning: bounds as the server writes them", "[mysql.partitioning]") {
  CHECK(ParseBound(Interval::kMonth, "'2027-01-01'") == At("2027-01-01"));
  CHECK(ParseBound(Interval::kMonth, "'2027-01-01 06:30:00'") == At("2027-01-01") + 6 * 3600 + 1800);
  CHECK(ParseBound(Interval::kMonth, "MAXVALUE") == std::nullopt);
  CHECK(ParseBound(Interval::kMonth, "'2027-02-30'") == std::nullopt);
  CHECK(ParseBound(Interval::kId, "2000000") == 2000000);
  CHECK(ParseBound(Interval::kId, "MAXVALUE") == std::nullopt);
  CHECK(ShowBound(Interval::kDay, At("2027-01-01") + 6 * 3600 + 1800) == "2027-01-01 06:30:00");
  CHECK(ShowBound(Interval::kDay, At("2027-01-01")) == "2027-01-01");
  CHECK(ParseInterval("week") == Interval::kWeek);
  CHECK(ParseInterval("year") == std::nullopt);
}

}  // namespace kilter::reconciler::mysql_partitioning
