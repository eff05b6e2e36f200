#include "reconciler/providers/kit/owned_record.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("kit: an ownership record round-trips, one object per line", "[kit]") {
  OwnedRecord record = {{"'shop'@'10.0.0.%'", "app"}, {"'sync'@'localhost'", "worker \"a\""}};
  std::string text = FormatOwnedRecord(record);
  CHECK(text ==
        "{\"key\":\"'shop'@'10.0.0.%'\",\"name\":\"app\"}\n"
        "{\"key\":\"'sync'@'localhost'\",\"name\":\"worker \\\"a\\\"\"}\n");
  CHECK(ParseOwnedRecord(text) == record);
  CHECK(ParseOwnedRecord("").empty());
}

TEST_CASE("kit: a damaged ownership record names its line", "[kit]") {
  CHECK_THROWS_WITH(ParseOwnedRecord("{\"key\":\"a\",\"name\":\"b\"}\nnot json\n"),
                    "line 2 of the ownership record is not {\"key\": ..., \"name\": ...}");
}

TEST_CASE("kit: the record lives in the state directory, one per type", "[kit]") {
  CHECK(OwnedRecordPath("/var/lib/kilter/", "mysql.user") == "/var/lib/kilter/mysql.user.owned");
}

}  // namespace kilter::reconciler::kit
