#include "reconciler/providers/mysql_maintenance/choice.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler::mysql_maintenance;

TEST_CASE("mysql.maintenance: the statistics of the tables") {
  auto stats = ParseStats("oc_order\t4194304\t16384000\noc_product\t0\t65536\nbroken\tx\t1\n");
  REQUIRE(stats.size() == 2);
  CHECK(stats[0].table == "oc_order");
  CHECK(stats[0].data_free == 4194304);
  CHECK(stats[0].used == 16384000);
  CHECK(StatsQuery("oc") ==
        "SELECT TABLE_NAME, IFNULL(DATA_FREE, 0), IFNULL(DATA_LENGTH, 0) + IFNULL(INDEX_LENGTH, "
        "0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'oc' AND TABLE_TYPE = 'BASE "
        "TABLE' ORDER BY TABLE_NAME;\n");
}

TEST_CASE("mysql.maintenance: only tables with free space over the threshold are optimized") {
  std::vector<TableStats> stats = {
      {"oc_order", 5000, 10000},    // 50 %
      {"oc_product", 2000, 10000},  // 20 %: not over 20
      {"oc_session", 0, 0},
      {"oc_cart", 100, 0},          // emptied: all free
  };
  auto all = ChooseTables({}, stats, 20);
  REQUIRE(all.size() == 4);
  CHECK(all[0].table == "oc_cart");
  CHECK(all[0].optimize);
  CHECK(all[1].table == "oc_order");
  CHECK(all[1].optimize);
  CHECK(all[1].free_percent == 50.0);
  CHECK(all[2].table == "oc_product");
  CHECK_FALSE(all[2].optimize);
  CHECK_FALSE(all[3].optimize);

  auto listed = ChooseTables({"oc_product", "oc_gone"}, stats, 19);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].optimize);
  CHECK(listed[1].table == "oc_gone");
  CHECK_FALSE(listed[1].optimize);

  CHECK_FALSE(ChooseTables({"oc_order"}, stats, 100)[0].optimize);
  CHECK(ChooseTables({"oc_product"}, stats, 0)[0].optimize);
  CHECK_FALSE(ChooseTables({"oc_session"}, stats, 0)[0].optimize);
}
