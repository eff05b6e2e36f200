#include "reconciler/plan/shard.h"

#include <stdexcept>

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("ParseShard reads K/N with 1 <= K <= N", "[shard]") {
  CHECK(ParseShard("1/2") == Shard{1, 2});
  CHECK(ParseShard("2/2") == Shard{2, 2});
  CHECK(ParseShard("1/1") == Shard{1, 1});
  CHECK(ParseShard("12/40").Name() == "12/40");
}

TEST_CASE("ParseShard refuses other text, quoting it", "[shard]") {
  for (const char* bad : {"0/2", "3/2", "x/y", "1/0", "2", "1/2/3", "-1/2", "/2", "1/", "",
                          " 1/2", "1/99999"}) {
    INFO(bad);
    CHECK_THROWS_WITH(ParseShard(bad),
                      Catch::Contains("--shard takes K/N") &&
                          Catch::Contains(std::string("not \"") + bad + "\""));
  }
}

TEST_CASE("ShardOf depends on the host name alone, the same everywhere", "[shard]") {
  // Pinned: FNV-1a 64 of the name, mod N. A change here moves hosts between
  // the shards of running CI jobs, so it must come with a plan version bump.
  CHECK(ShardOf("web1", 2) == 1);
  CHECK(ShardOf("web2", 2) == 2);
  CHECK(ShardOf("db1", 2) == 1);
  CHECK(ShardOf("lb2", 2) == 2);
  CHECK(ShardOf("web1", 3) == 2);
  CHECK(ShardOf("db1", 3) == 3);
  CHECK(ShardOf("lb2", 3) == 1);
  CHECK(ShardOf("anything", 1) == 1);
  CHECK(InShard("web2", Shard{2, 2}));
  CHECK_FALSE(InShard("web2", Shard{1, 2}));
}

TEST_CASE("Every host is in exactly one share of N", "[shard]") {
  for (int count : {1, 2, 3, 7}) {
    for (const char* host : {"web1", "web2", "db1", "lb2", "a", ""}) {
      int holders = 0;
      for (int k = 1; k <= count; ++k) holders += InShard(host, Shard{k, count});
      CHECK(holders == 1);
    }
  }
}

}  // namespace kilter::reconciler
