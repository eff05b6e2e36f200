#include "reconciler/providers/backup_policy/restore_plan.h"

#include <catch2/catch.hpp>

#include "reconciler/plan/rfc3339.h"

using kilter::reconciler::ParseRfc3339;
using namespace kilter::reconciler::backup;
using nlohmann::json;

namespace {

const json kSnapshots = json::array({
    {{"id", "aaaa1111ffff"}, {"short_id", "aaaa1111"}, {"time", "2026-11-25T03:00:00Z"}},
    {{"id", "bbbb2222ffff"}, {"short_id", "bbbb2222"}, {"time", "2026-11-27T03:00:00.5+01:00"}},
    {{"id", "abcd3333ffff"}, {"short_id", "abcd3333"}, {"time", "2026-11-26T03:00:00Z"}},
});

}  // namespace

TEST_CASE("restore: the newest snapshot, by id prefix, or the newest before a time") {
  std::string error;
  CHECK(SelectSnapshot(kSnapshots, "", std::nullopt, error)->short_id == "bbbb2222");
  CHECK(SelectSnapshot(kSnapshots, "abcd", std::nullopt, error)->short_id == "abcd3333");
  CHECK(SelectSnapshot(kSnapshots, "", ParseRfc3339("2026-11-26T12:00:00Z"), error)->short_id ==
        "abcd3333");
  // Strictly older: a snapshot at exactly TIME is not before it.
  CHECK(SelectSnapshot(kSnapshots, "", ParseRfc3339("2026-11-26T03:00:00Z"), error)->short_id ==
        "aaaa1111");
  // 03:00+01:00 is 02:00Z: older than 02:30Z.
  CHECK(SelectSnapshot(kSnapshots, "", ParseRfc3339("2026-11-27T02:30:00Z"), error)->short_id ==
        "bbbb2222");
}

TEST_CASE("restore: no snapshot fits, or an ambiguous id, is an error") {
  std::string error;
  CHECK_FALSE(SelectSnapshot(kSnapshots, "a", std::nullopt, error));
  CHECK(error == "snapshot id a is ambiguous: 2 snapshots start with it");
  CHECK_FALSE(SelectSnapshot(kSnapshots, "cccc", std::nullopt, error));
  CHECK(error == "no snapshot of this policy has the id cccc");
  CHECK_FALSE(SelectSnapshot(kSnapshots, "", ParseRfc3339("2026-01-01T00:00:00Z"), error));
  CHECK(error == "no snapshot of this policy is older than the time given");
  CHECK_FALSE(SelectSnapshot(json::array(), "", std::nullopt, error));
  CHECK(error == "the repository holds no snapshot of this policy");
}

TEST_CASE("restore: the row counts a snapshot's last line records") {
  auto counts = ParseRowCounts(R"(-- kilter-row-counts: {"oc_product":19,"oc_order":0})");
  REQUIRE(counts);
  CHECK(counts->at("oc_product") == 19);
  CHECK(counts->at("oc_order") == 0);
  CHECK_FALSE(ParseRowCounts("-- Dump completed on 2026-11-27"));
  CHECK_FALSE(ParseRowCounts(R"(-- kilter-row-counts: {"oc_product":"19"})"));
  CHECK_FALSE(ParseRowCounts("-- kilter-row-counts: {"));
}

TEST_CASE("restore: one RENAME TABLE moves the live tables aside and the restored ones in") {
  CHECK(RenameStatement("opencart", {"oc_order", "oc_product"}, "oc_restored",
                        {"oc_order", "oc_product"}, "opencart_before_restore_20261207T160000Z") ==
        "RENAME TABLE `opencart`.`oc_order` TO `opencart_before_restore_20261207T160000Z`.`oc_order`, "
        "`opencart`.`oc_product` TO `opencart_before_restore_20261207T160000Z`.`oc_product`, "
        "`oc_restored`.`oc_order` TO `opencart`.`oc_order`, "
        "`oc_restored`.`oc_product` TO `opencart`.`oc_product`");
  CHECK(RenameStatement("db", {}, "r", {"t`x"}, "k") == "RENAME TABLE `r`.`t``x` TO `db`.`t``x`");
  CHECK(BeforeRestoreName("opencart", 1796659200) == "opencart_before_restore_20261207T160000Z");
}

TEST_CASE("restore: database names kilter accepts for --to") {
  CHECK(PlainDatabaseName("opencart_restored"));
  CHECK_FALSE(PlainDatabaseName(""));
  CHECK_FALSE(PlainDatabaseName("a-b"));
  CHECK_FALSE(PlainDatabaseName("x`; DROP DATABASE y"));
  CHECK_FALSE(PlainDatabaseName(std::string(65, 'a')));
}

TEST_CASE("verify_every: a restore proven too long ago, or never, is drift") {
  Verification v{"2026-11-20T00:00:00Z", "restore", 12.5, "abcd3333ffff"};
  int64_t now = *ParseRfc3339("2026-11-30T00:00:00Z");
  CHECK(Verification::Parse(v.ToJson().dump())->seconds == 12.5);
  CHECK_FALSE(Verification::Parse("{}"));
  CHECK_FALSE(VerifyDueProblem(now, v, std::nullopt, 14 * 86400));
  CHECK(*VerifyDueProblem(now, v, std::nullopt, 7 * 86400) ==
        "restore not proven recently: the last successful restore (2026-11-20T00:00:00Z, "
        "snapshot abcd3333) is 10d 0h old, verify_every is 7d 0h; its restore took 12.5s. "
        "Run `kilter backup verify`");
  CHECK_FALSE(VerifyDueProblem(now, std::nullopt, now - 3600, 7 * 86400));
  CHECK(VerifyDueProblem(now, std::nullopt, now - 8 * 86400, 7 * 86400)->rfind(
            "restore never proven", 0) == 0);
}
