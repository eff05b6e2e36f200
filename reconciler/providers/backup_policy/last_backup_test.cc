#include "reconciler/providers/backup_policy/last_backup.h"

#include <catch2/catch.hpp>

using kilter::reconciler::backup::LastBackup;
using kilter::reconciler::backup::LostBackupProblem;
using nlohmann::json;

namespace {

const LastBackup kLast{"1111aaaa2222", "abcd1234", "2026-11-27T02:30:00Z", std::nullopt};
const json kConfig = {{"version", 2}, {"id", "1111aaaa2222"}};

json Snapshot(const std::string& id) { return {{"id", id}, {"time", "2026-11-27T02:30:00Z"}}; }

}  // namespace

TEST_CASE("last backup: the record's JSON line, or nothing") {
  auto last = LastBackup::Parse(
      R"({"repository_id":"1111aaaa2222","snapshot":"abcd1234","time":"2026-11-27T02:30:00Z"})"
      "\n");
  REQUIRE(last);
  CHECK(last->repository_id == "1111aaaa2222");
  CHECK(last->snapshot == "abcd1234");
  CHECK(last->time == "2026-11-27T02:30:00Z");
  CHECK_FALSE(last->size_bytes);  // a record of a job written before sizes were recorded
  auto sized =
      LastBackup::Parse(R"({"repository_id":"1","snapshot":"ab","time":"t","size_bytes":1048576})");
  REQUIRE(sized);
  CHECK(sized->size_bytes == 1048576);
  // restic printed no summary: the job records null, not a made-up size.
  CHECK_FALSE(
      LastBackup::Parse(R"({"repository_id":"1","snapshot":"","time":"t","size_bytes":null})")
          ->size_bytes);
  CHECK_FALSE(LastBackup::Parse("half a line"));
  CHECK_FALSE(LastBackup::Parse(R"({"repository_id":"","snapshot":"x","time":"t"})"));
}

TEST_CASE(
    "last backup: the recorded snapshot in the recorded repository is no "
    "problem") {
  CHECK_FALSE(LostBackupProblem(kLast, "/r", kConfig,
                                json::array({Snapshot("abcd1234ffff"), Snapshot("0000")})));
  // A record without a snapshot id (an old restic) only checks the repository's
  // id.
  LastBackup no_snapshot = kLast;
  no_snapshot.snapshot.clear();
  CHECK_FALSE(LostBackupProblem(no_snapshot, "/r", kConfig, json::array()));
}

TEST_CASE("last backup: a snapshot forgotten by hand, others left") {
  CHECK(LostBackupProblem(kLast, "/r", kConfig, json::array({Snapshot("0000ffff")})) ==
        "the snapshot of the last successful backup (2026-11-27T02:30:00Z, "
        "snapshot abcd1234) is "
        "gone from /r: it was forgotten by hand (1 other snapshot of this "
        "policy left); the next "
        "successful run makes a new one");
}

TEST_CASE("last backup: a new repository id wins over the snapshots") {
  auto problem =
      LostBackupProblem(kLast, "/r", {{"id", "9999"}}, json::array({Snapshot("abcd1234ffff")}));
  REQUIRE(problem);
  CHECK(problem->find("repository /r was replaced or re-initialised") == 0);
}
