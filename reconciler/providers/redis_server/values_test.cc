#include "reconciler/providers/redis_server/values.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/redis_server/config_files.h"

namespace kilter::reconciler::redis_server {

TEST_CASE("redis values: memory units as redis-server reads them", "[redis]") {
  CHECK(MemoryBytes("1gb") == 1073741824ULL);
  CHECK(MemoryBytes("1GB") == 1073741824ULL);
  CHECK(MemoryBytes("1g") == 1000000000ULL);
  CHECK(MemoryBytes("1073741824") == 1073741824ULL);
  CHECK(MemoryBytes("64mb") == 64ULL << 20);
  CHECK(MemoryBytes("100k") == 100000ULL);
  CHECK(MemoryBytes("0") == 0ULL);
  CHECK_FALSE(MemoryBytes("1 gb"));
  CHECK_FALSE(MemoryBytes("allkeys-lru"));
}

TEST_CASE("redis values: save rules compare in any order and spacing", "[redis]") {
  CHECK(CanonicalSave("300 100  3600 1") == "3600 1 300 100");
  CHECK(CanonicalSave("\"\"") == "");
  CHECK(CanonicalSave("") == "");
  CHECK_FALSE(CanonicalSave("3600"));
  CHECK(CanonicalAny("TRUE") == "yes");
  CHECK(CanonicalAny(" 64mb ") == "67108864");
}

TEST_CASE("redis values: config lines split and quote as redis-server does", "[redis]") {
  CHECK(SplitConfigLine("save \"\"") == std::vector<std::string>{"save", ""});
  CHECK(SplitConfigLine("requirepass \"a b\\\"c\"") ==
        std::vector<std::string>{"requirepass", "a b\"c"});
  CHECK(SplitConfigLine("x 'it\\'s'") == std::vector<std::string>{"x", "it's"});
  CHECK_FALSE(SplitConfigLine("x \"open"));
  CHECK(QuoteConfigWord("plain") == "plain");
  CHECK(QuoteConfigWord("") == "\"\"");
  CHECK(QuoteConfigWord("a b\"\n") == "\"a b\\\"\\x0a\"");
  CHECK(SplitConfigLine("x " + QuoteConfigWord("a b\"\n\\")) ==
        std::vector<std::string>{"x", "a b\"\n\\"});
}

TEST_CASE("redis config files: includes load in place, save lines add up", "[redis]") {
  std::map<std::string, std::string> files = {
      {"/etc/redis/redis.conf",
       "save 900 1\nmaxmemory 100mb\ninclude /etc/redis/kilter-cache.conf\ninclude "
       "/etc/redis/local/*.conf\n"},
      {"/etc/redis/kilter-cache.conf", "save \"\"\nsave 3600 1\nmaxmemory 1gb\n"},
      {"/etc/redis/local/a.conf", "Maxmemory 2gb\nsave 60 5\n"}};
  LoadOrder order = Load("/etc/redis/redis.conf", files, "/etc/redis/kilter-cache.conf");
  CHECK(order.includes_owned);
  CHECK(order.missing.empty());
  std::optional<Effective> max = EffectiveOf(order, "maxmemory");
  REQUIRE(max);
  CHECK(max->value == "2gb");
  CHECK(max->file == "/etc/redis/local/a.conf");
  CHECK(max->index >= order.owned_end);
  CHECK(EffectiveOf(order, "save")->value == "3600 1 60 5");
  CHECK_FALSE(EffectiveOf(order, "timeout"));

  LoadOrder without = Load("/etc/redis/redis.conf", {{"/etc/redis/redis.conf", "port 1\n"}},
                           "/etc/redis/kilter-cache.conf");
  CHECK_FALSE(without.includes_owned);
}

}  // namespace kilter::reconciler::redis_server
