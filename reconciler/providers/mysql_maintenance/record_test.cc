#include "reconciler/providers/mysql_maintenance/record.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler::mysql_maintenance;

TEST_CASE("mysql.maintenance: a run record back from its JSON, and for people") {
  Record r;
  r.database = "opencart";
  r.start = "2026-12-07T03:30:00Z";
  r.end = "2026-12-07T03:31:10Z";
  r.steps = {{"oc_order", "analyze", 0.5, "ok", ""},
             {"oc_order", "optimize", 60.25, "ok", ""},
             {"oc_gone", "analyze", 0.01, "failed", "Table 'opencart.oc_gone' doesn't exist"},
             {"oc_cart", "analyze", 0, "skipped", "the window 03:00-05:00 ended"}};
  auto back = Record::Parse(r.ToJson().dump());
  REQUIRE(back);
  CHECK(back->ToJson() == r.ToJson());
  CHECK_FALSE(back->Ok());
  CHECK(r.ToJson()["ok"] == false);
  std::vector<std::string> lines = Describe(*back);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "oc_order  analyze      0.50s  ok");
  CHECK(lines[1] == "oc_order  optimize    60.25s  ok");
  CHECK(lines[2] == "oc_gone   analyze      0.01s  failed: Table 'opencart.oc_gone' doesn't exist");
  CHECK(lines[4] ==
        "FAILED from 2026-12-07T03:30:00Z to 2026-12-07T03:31:10Z: 4 steps, 1 failed, 1 skipped");

  r.steps.resize(2);
  CHECK(r.Ok());
  CHECK(Describe(r).back().rfind("done from", 0) == 0);

  CHECK_FALSE(Record::Parse("not json"));
  CHECK_FALSE(Record::Parse(R"({"start":"x"})"));
  CHECK_FALSE(Record::Parse(R"({"start":"x","tables":[1]})"));
}
