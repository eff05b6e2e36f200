#include "reconciler/providers/mysql_partitioning/diff.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_partitioning {

namespace {

using nlohmann::json;

catalog::Resource Window(const std::string& interval = "month", int keep = 12, int ahead = 3) {
  catalog::Resource r;
  r.type = "mysql.partitioning";
  r.name = "sync-log";
  r.host = "db1";
  r.fields = {{"database", "opencart"}, {"table", "oc_marketplace_sync_log"},
              {"column", "synced_at"},  {"interval", interval},
              {"step", 1000},           {"keep", keep},
              {"ahead", ahead},         {"covered_by", "opencart-db"}};
  return r;
}

int64_t Utc(const std::string& rfc3339) { return *ParseRfc3339(rfc3339); }

Clock At(const std::string& rfc3339, int64_t offset = 0) {
  return {Utc(rfc3339), {Utc(rfc3339), offset, 3600}};
}

LiveTable Unpartitioned() {
  LiveTable t;
  t.exists = true;
  t.column_type = "datetime";
  t.rows = 5400;
  t.bytes = 3 * 1024 * 1024;
  t.keys = {{"PRIMARY", {"sync_id", "synced_at"}}};
  return t;
}

/// A table partitioned monthly from `first` (YYYYMM) for `count` months, with pmax.
LiveTable Monthly(int year, int month, int count, int64_t catch_all_rows = 0) {
  LiveTable t = Unpartitioned();
  t.method = "RANGE COLUMNS";
  t.expression = "`synced_at`";
  for (int i = 0; i < count; ++i) {
    int y = year + (month - 1 + i) / 12, m = (month - 1 + i) % 12 + 1;
    int ny = year + (month + i) / 12, nm = (month + i) % 12 + 1;
    t.partitions.push_back({fmt::format("p{:04}{:02}", y, m),
                            fmt::format("'{:04}-{:02}-01'", ny, nm), 300, ""});
  }
  t.partitions.push_back({"pmax", "MAXVALUE", catch_all_rows, ""});
  return t;
}

Coverage Backup(const std::string& time) {
  return {true, Utc(time), time};
}

const Coverage kNoBackup{true, std::nullopt, ""};

}  // namespace

TEST_CASE("mysql.partitioning: an unpartitioned table is converted, showing rows and size",
          "[mysql.partitioning]") {
  Change c = DiffTable(Window(), Unpartitioned(), At("2026-12-07T10:00:00Z"), kNoBackup);
  CHECK(c.kind == ChangeKind::kCreate);
  REQUIRE(c.actions.size() == 1);
  CHECK(c.actions[0].detail ==
        "ALTER TABLE `opencart`.`oc_marketplace_sync_log` PARTITION BY RANGE COLUMNS(`synced_at`) "
        "(PARTITION `p202512` VALUES LESS THAN ('2026-01-01'), PARTITION `p202601` VALUES LESS "
        "THAN ('2026-02-01'), PARTITION `p202602` VALUES LESS THAN ('2026-03-01'), PARTITION "
        "`p202603` VALUES LESS THAN ('2026-04-01'), PARTITION `p202604` VALUES LESS THAN "
        "('2026-05-01'), PARTITION `p202605` VALUES LESS THAN ('2026-06-01'), PARTITION "
        "`p202606` VALUES LESS THAN ('2026-07-01'), PARTITION `p202607` VALUES LESS THAN "
        "('2026-08-01'), PARTITION `p202608` VALUES LESS THAN ('2026-09-01'), PARTITION "
        "`p202609` VALUES LESS THAN ('2026-10-01'), PARTITION `p202610` VALUES LESS THAN "
        "('2026-11-01'), PARTITION `p202611` VALUES LESS THAN ('2026-12-01'), PARTITION "
        "`p202612` VALUES LESS THAN ('2027-01-01'), PARTITION `p202701` VALUES LESS THAN "
        "('2027-02-01'), PARTITION `p202702` VALUES LESS THAN ('2027-03-01'), PARTITION "
        "`p202703` VALUES LESS THAN ('2027-04-01'), PARTITION `pmax` VALUES LESS THAN "
        "(MAXVALUE))");
  REQUIRE(!c.reasons.empty());
  CHECK(c.reasons[0].find("about 5400 rows, 3.0 MiB") != std::string::npos);
  CHECK(c.reasons[0].find("rows before 2026-01-01 go into p202512") != std::string::npos);
}

TEST_CASE("mysql.partitioning: the window in place is nothing to do", "[mysql.partitioning]") {
  Change c = DiffTable(Window(), Monthly(2025, 12, 16), At("2026-12-07T10:00:00Z"), kNoBackup);
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.problems.empty());
  CHECK(c.measures.at("partitions_ahead") == 3);
}

TEST_CASE("mysql.partitioning: a month later, one split of the catch-all and one drop that waits "
          "for a newer backup",
          "[mysql.partitioning]") {
  LiveTable t = Monthly(2025, 12, 16, 7);
  Clock next = At("2027-01-07T10:00:00Z");
  Change waiting = DiffTable(Window(), t, next, Backup("2025-12-31T03:00:00Z"));
  CHECK(waiting.kind == ChangeKind::kUpdate);
  REQUIRE(waiting.actions.size() == 1);
  CHECK(waiting.actions[0].detail ==
        "ALTER TABLE `opencart`.`oc_marketplace_sync_log` REORGANIZE PARTITION `pmax` INTO "
        "(PARTITION `p202704` VALUES LESS THAN ('2027-05-01'), PARTITION `pmax` VALUES LESS "
        "THAN (MAXVALUE))");
  CHECK_FALSE(waiting.destructive);
  REQUIRE(waiting.problems.size() == 1);
  CHECK(waiting.problems[0] ==
        "p202512 (synced_at before 2026-01-01: about 300 rows) is older than keep = 12 and waits "
        "for backup.policy \"opencart-db\": its last successful snapshot, 2025-12-31T03:00:00Z, "
        "is older than its rows; it is dropped once a successful snapshot is taken after "
        "2026-01-01 UTC");
  CHECK(waiting.reasons[1] ==
        "the catch-all pmax holds about 7 rows: splitting it moves them into their partitions");

  Change none = DiffTable(Window(), t, next, kNoBackup);
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0].find("the policy has no successful snapshot recorded on the host") !=
        std::string::npos);

  Change going = DiffTable(Window(), t, next, Backup("2026-12-08T03:00:00Z"));
  REQUIRE(going.actions.size() == 2);
  CHECK(going.actions[1].detail ==
        "ALTER TABLE `opencart`.`oc_marketplace_sync_log` DROP PARTITION `p202512`");
  CHECK(going.destructive);
  CHECK(going.problems.empty());
}

TEST_CASE("mysql.partitioning: the bounds follow the server's time zone", "[mysql.partitioning]") {
  // 23:30 UTC on New Year's Eve is already January at UTC+1, still December at UTC-5.
  LiveTable t = Monthly(2025, 12, 16);
  CHECK(DiffTable(Window(), t, At("2026-12-31T23:30:00Z", 3600), kNoBackup).kind ==
        ChangeKind::kUpdate);
  CHECK(DiffTable(Window(), t, At("2026-12-31T23:30:00Z", -5 * 3600), kNoBackup).kind ==
        ChangeKind::kNothing);
  // p202512's rows settle at midnight server time: 2025-12-31T23:00Z at UTC+1.
  Change c = DiffTable(Window(), t, At("2027-01-07T10:00:00Z", 3600), Backup("2025-12-31T23:30:00Z"));
  REQUIRE(c.actions.size() == 2);
  CHECK(c.actions[1].detail.find("DROP PARTITION `p202512`") != std::string::npos);
}

TEST_CASE("mysql.partitioning: a missing future partition is drift while rows would land in "
          "the catch-all",
          "[mysql.partitioning]") {
  LiveTable t = Monthly(2025, 12, 14);  // up to p202701: two short of ahead = 3
  Change c = DiffTable(Window(), t, At("2026-12-07T10:00:00Z"), kNoBackup);
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.measures.at("partitions_ahead") == 1);
  CHECK(c.reasons[0] ==
        "the window needs partitions up to '2027-04-01' (ahead = 3); the highest ends at "
        "2027-02-01: rows from 2027-02-01 on land in the catch-all pmax");
  CHECK(c.actions[0].summary ==
        "split pmax of opencart.oc_marketplace_sync_log into p202702 … p202703 (2 partitions)");
}

TEST_CASE("mysql.partitioning: weekly, daily and id windows", "[mysql.partitioning]") {
  Change week = DiffTable(Window("week", 2, 1), Unpartitioned(), At("2026-12-31T10:00:00Z"), kNoBackup);
  CHECK(week.actions[0].detail.find("PARTITION `p20261214` VALUES LESS THAN ('2026-12-21'), "
                                    "PARTITION `p20261221`") != std::string::npos);
  Change day = DiffTable(Window("day", 1, 1), Unpartitioned(), At("2028-02-29T10:00:00Z"), kNoBackup);
  CHECK(day.actions[0].detail.find("PARTITION `p20280229` VALUES LESS THAN ('2028-03-01')") !=
        std::string::npos);

  LiveTable ids = Unpartitioned();
  ids.column_type = "int";
  ids.keys = {{"PRIMARY", {"synced_at"}}};
  ids.max = 2500;
  Change id = DiffTable(Window("id", 1, 1), ids, At("2026-12-07T10:00:00Z"), kNoBackup);
  CHECK(id.actions[0].detail.find("(PARTITION `p1000` VALUES LESS THAN (2000), PARTITION `p2000` "
                                  "VALUES LESS THAN (3000), PARTITION `p3000` VALUES LESS THAN "
                                  "(4000), PARTITION `pmax`") != std::string::npos);
}

TEST_CASE("mysql.partitioning: an id partition is covered by a snapshot after its last write",
          "[mysql.partitioning]") {
  LiveTable t = Unpartitioned();
  t.column_type = "bigint";
  t.keys = {{"PRIMARY", {"synced_at"}}};
  t.method = "RANGE COLUMNS";
  t.expression = "`synced_at`";
  t.max = 3500;
  t.partitions = {{"p1000", "2000", 10, "2026-12-01 10:00:00"},
                  {"p2000", "3000", 10, ""},
                  {"p3000", "4000", 10, ""},
                  {"p4000", "5000", 0, ""},
                  {"pmax", "MAXVALUE", 0, ""}};
  Clock clock = At("2026-12-07T10:00:00Z");  // the server started an hour before
  Change c = DiffTable(Window("id", 1, 1), t, clock, Backup("2026-12-01T11:00:00Z"));
  REQUIRE(c.actions.size() == 1);
  CHECK(c.actions[0].detail == "ALTER TABLE `opencart`.`oc_marketplace_sync_log` DROP PARTITION `p1000`");
  Change before = DiffTable(Window("id", 1, 1), t, clock, Backup("2026-12-01T09:00:00Z"));
  CHECK(before.actions.empty());
  CHECK(before.problems.size() == 1);
}

TEST_CASE("mysql.partitioning: a key without the partition column is refused with the rule, "
          "the key and the ways out",
          "[mysql.partitioning]") {
  catalog::Resource r = Window();
  r.fields["table"] = "oc_order";
  r.fields["column"] = "date_added";
  LiveTable t = Unpartitioned();
  t.keys = {{"PRIMARY", {"order_id"}}};
  try {
    DiffTable(r, t, At("2026-12-07T10:00:00Z"), kNoBackup);
    FAIL("no refusal");
  } catch (const ProviderError& e) {
    CHECK(std::string(e.what()) ==
          "db1: mysql.partitioning \"sync-log\": opencart.oc_order cannot be partitioned by "
          "date_added: MariaDB requires every PRIMARY KEY and UNIQUE key of a partitioned table "
          "to include all columns of the partitioning function (error 1503), and PRIMARY KEY "
          "(order_id) does not include date_added. Nothing was changed. Two ways out:\n"
          "  1. add date_added to the key: ALTER TABLE `opencart`.`oc_order` DROP PRIMARY KEY, "
          "ADD PRIMARY KEY (`order_id`, `date_added`); the key then allows the same order_id "
          "twice with different date_added values, so check that nothing relies on it alone "
          "being unique;\n"
          "  2. partition by a column that every PRIMARY KEY and UNIQUE key includes (here "
          "order_id; with interval = \"id\" for an integer column).");
  }
}

TEST_CASE("mysql.partitioning: tables that cannot hold the window", "[mysql.partitioning]") {
  Clock now = At("2026-12-07T10:00:00Z");
  LiveTable missing;
  CHECK_THROWS_WITH(DiffTable(Window(), missing, now, kNoBackup),
                    Catch::Contains("table opencart.oc_marketplace_sync_log does not exist"));
  LiveTable stamp = Unpartitioned();
  stamp.column_type = "timestamp";
  CHECK_THROWS_WITH(DiffTable(Window(), stamp, now, kNoBackup),
                    Catch::Contains("synced_at is a timestamp column"));
  LiveTable other = Monthly(2025, 12, 3);
  other.method = "RANGE";
  other.expression = "to_days(`synced_at`)";
  CHECK_THROWS_WITH(DiffTable(Window(), other, now, kNoBackup),
                    Catch::Contains("is partitioned by RANGE to_days(`synced_at`)"));
  CHECK_THROWS_WITH(DiffTable(Window(), Unpartitioned(), now, Coverage{}),
                    Catch::Contains("covered_by names backup.policy \"opencart-db\", which is not "
                                    "declared on db1"));
}

}  // namespace kilter::reconciler::mysql_partitioning
