#include "reconciler/providers/mysql_maintenance/judge.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/mysql_maintenance/record.h"

using namespace kilter::reconciler::mysql_maintenance;

namespace {

// 2026-12-07T03:30:00Z
constexpr int64_t kStart = 1796614200;

Job Daily() {
  kilter::catalog::Resource r;
  r.type = "mysql.maintenance";
  r.name = "shop";
  r.host = "db1";
  r.fields = {{"database", "opencart"},
              {"tables", nullptr},
              {"analyze", "daily 03:30"},
              {"optimize_when", {{"free_over", 20}}},
              {"window", "03:00-05:00"},
              {"grace", 7200000}};
  return Job::From(r);
}

std::string RecordText(std::vector<TableStep> steps) {
  Record r;
  r.database = "opencart";
  r.start = "2026-12-07T03:30:00Z";
  r.end = "2026-12-07T03:31:00Z";
  r.steps = std::move(steps);
  return r.ToJson().dump();
}

}  // namespace

TEST_CASE("mysql.maintenance: drift judges the last run with a fixed clock") {
  Job job = Daily();
  std::string ok = RecordText({{"oc_order", "analyze", 1, "ok", ""}});
  CHECK(RunProblems(job, kStart + 86400 + 7200, ok, kStart - 600, "R").empty());
  CHECK(RunProblems(job, kStart + 86400 + 7201, ok, kStart - 600, "R") ==
        std::vector<std::string>{
            "late maintenance: the last run is 1d 2h old; the schedule runs at least every 1d "
            "0h, grace 2h 0m"});
  // Never run: late only once the schedule's installation is that old.
  CHECK(RunProblems(job, kStart, std::nullopt, kStart - 3600, "R").empty());
  CHECK(RunProblems(job, kStart + 2 * 86400, std::nullopt, kStart, "R") ==
        std::vector<std::string>{
            "late maintenance: no run at all, 2d 0h after the schedule was installed; the "
            "schedule runs at least every 1d 0h, grace 2h 0m"});

  std::string failed = RecordText(
      {{"oc_order", "analyze", 1, "ok", ""},
       {"oc_gone", "analyze", 0, "failed", "Table 'opencart.oc_gone' doesn't exist"},
       {"oc_cart", "analyze", 0, "skipped", "the window 03:00-05:00 ended"},
       {"oc_cart", "optimize", 0, "skipped", "the window 03:00-05:00 ended"}});
  CHECK(RunProblems(job, kStart + 60, failed, kStart - 600, "R") ==
        std::vector<std::string>{
            "the last run (2026-12-07T03:30:00Z) failed on table opencart.oc_gone: analyze TABLE: "
            "Table 'opencart.oc_gone' doesn't exist",
            "the last run (2026-12-07T03:30:00Z) left 1 table for the window 03:00-05:00 ended: "
            "oc_cart"});
  CHECK(RunProblems(job, kStart, std::string("garbage"), kStart, "/var/log/r.json") ==
        std::vector<std::string>{
            "/var/log/r.json is not a run record kilter writes: the next run replaces it"});
}
