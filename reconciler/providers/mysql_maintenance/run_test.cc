#include "reconciler/providers/mysql_maintenance/run.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/settings.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"

using namespace kilter::reconciler;
using namespace kilter::reconciler::mysql_maintenance;
using kilter::testing::FakeTransport;

namespace {

Job Shop() {
  kilter::catalog::Resource r;
  r.type = "mysql.maintenance";
  r.name = "shop";
  r.host = "db1";
  r.fields = {{"database", "opencart"},
              {"tables", {"oc_order", "oc_gone", "oc_product"}},
              {"analyze", "daily 03:30"},
              {"optimize_when", {{"free_over", 20}}},
              {"window", "03:00-05:00"},
              {"grace", 7200000}};
  return Job::From(r);
}

/// A host whose clock reads the times of `clocks` in turn (the last one
/// again when they run out), and whose server has oc_order with 50 % free
/// space, oc_product with none, and no oc_gone.
struct Host {
  FakeTransport t{"db1"};
  std::vector<std::string> clocks;
  size_t next = 0;
  std::vector<std::string> statements;

  explicit Host(std::vector<std::string> times) : clocks(std::move(times)) {
    t.On("date", [this](const Command&) {
      std::string now = clocks[std::min(next++, clocks.size() - 1)];
      return CommandResult{0, now + "\n", ""};
    });
    t.On("mariadb", [this](const Command& c) {
      if (c.stdin_data.find("information_schema") != std::string::npos) {
        return CommandResult{0, "oc_order\t5000\t10000\noc_product\t0\t10000\n", ""};
      }
      statements.push_back(c.stdin_data);
      if (c.stdin_data.find("oc_gone") != std::string::npos) {
        return CommandResult{0,
                             "opencart.oc_gone\tanalyze\tError\tTable 'opencart.oc_gone' doesn't "
                             "exist\nopencart.oc_gone\tanalyze\tstatus\tOperation failed\n",
                             ""};
      }
      return CommandResult{0, "x\tanalyze\tstatus\tOK\n", ""};
    });
  }
};

Settings Defaults() { return TypedSettings<Settings>(kilter::testing::DefaultSettings(kType), kType); }

}  // namespace

TEST_CASE("mysql.maintenance: a run analyzes every table, optimizes the one over the threshold") {
  Host h({"1796614200 03 30"});
  RunOutcome out = RunMaintenance(h.t, Defaults(), Shop(), false);
  REQUIRE(out.started);
  CHECK(h.statements == std::vector<std::string>{
                            "ANALYZE TABLE `opencart`.`oc_order`;\n",
                            "OPTIMIZE TABLE `opencart`.`oc_order`;\n",
                            "ANALYZE TABLE `opencart`.`oc_gone`;\n",
                            "ANALYZE TABLE `opencart`.`oc_product`;\n",
                        });
  const Record& r = out.record;
  REQUIRE(r.steps.size() == 4);
  CHECK(r.steps[2].result == "failed");
  CHECK(r.steps[2].error == "Table 'opencart.oc_gone' doesn't exist");
  CHECK(r.start == "2026-12-07T03:30:00Z");
  auto written = Record::Parse(h.t.files().at("/var/log/kilter-maintenance-shop.json"));
  REQUIRE(written);
  CHECK(written->ToJson() == r.ToJson());
}

TEST_CASE("mysql.maintenance: outside the window a run refuses unless forced") {
  Host h({"1796625000 06 30"});
  RunOutcome out = RunMaintenance(h.t, Defaults(), Shop(), false);
  CHECK_FALSE(out.started);
  CHECK(out.refusal ==
        "mysql.maintenance \"shop\" @ db1: refused: the host's clock says 06:30, outside the "
        "window 03:00-05:00; --force runs it anyway");
  CHECK(h.statements.empty());
  CHECK(h.t.files().empty());

  Host forced({"1796625000 06 30"});
  out = RunMaintenance(forced.t, Defaults(), Shop(), true);
  CHECK(out.started);
  CHECK(out.record.forced);
  CHECK(forced.statements.size() == 4);
}

TEST_CASE("mysql.maintenance: no table starts after the window ended") {
  // Start, before oc_order, before oc_gone (04:59), before oc_product (05:00), end.
  Host h({"1796614200 04 58", "1796614200 04 58", "1796614260 04 59", "1796614320 05 00"});
  RunOutcome out = RunMaintenance(h.t, Defaults(), Shop(), false);
  REQUIRE(out.started);
  CHECK(h.statements.size() == 3);
  REQUIRE(out.record.steps.size() == 4);
  CHECK(out.record.steps[3].table == "oc_product");
  CHECK(out.record.steps[3].result == "skipped");
  CHECK(out.record.steps[3].error == "the window 03:00-05:00 ended");
}
