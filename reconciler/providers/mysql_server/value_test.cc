#include "reconciler/providers/mysql_server/value.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/mysql_server/server_state.h"

namespace kilter::reconciler::mysql_server {

namespace {

ServerVariable Var(std::string type, std::string value = "", int64_t block = 0,
                   std::optional<std::string> min = std::nullopt,
                   std::optional<std::string> max = std::nullopt) {
  ServerVariable v;
  v.type = std::move(type);
  v.value = std::move(value);
  v.block = block;
  v.min = std::move(min);
  v.max = std::move(max);
  return v;
}

}  // namespace

TEST_CASE("mysql.server values: every spelling of one value compares equal", "[mysql.server]") {
  ServerVariable boolean = Var("BOOLEAN");
  for (const char* on : {"ON", "on", "1", "TRUE", "yes"}) CHECK(Canonical(on, boolean) == "ON");
  CHECK(Canonical("0", boolean) == "OFF");
  ServerVariable pool = Var("BIGINT UNSIGNED", "", 1048576);
  CHECK(Canonical("1G", pool) == "1073741824");
  CHECK(Canonical("1073741824", pool) == "1073741824");
  // The server keeps whole MiB of the buffer pool, rounding down.
  CHECK(Canonical("200000000", pool) == "199229440");
  ServerVariable seconds = Var("DOUBLE");
  CHECK(Canonical("0.030000", seconds) == Canonical("0.03", seconds));
  CHECK(Canonical("off", Var("ENUM")) == "OFF");
}

TEST_CASE("mysql.server values: a declared value in the server's terms", "[mysql.server]") {
  Declared pool{"innodb_buffer_pool_size", 268435456, "size", "MiB"};
  ServerValue v = ToServer(pool, Var("BIGINT UNSIGNED", "", 1048576, "2097152", "1000000000000"));
  CHECK(v.sql == "268435456");
  CHECK(v.shown == "256MiB");
  CHECK(Shown("134217728", Var("BIGINT UNSIGNED"), pool) == "128MiB");

  Declared slow{"long_query_time", 30, "duration", "ms"};
  ServerValue t = ToServer(slow, Var("DOUBLE", "", 0, "0", "31536000"));
  CHECK(t.sql == "0.030000");
  CHECK(t.shown == "30ms");
  CHECK(Shown("10.000000", Var("DOUBLE"), slow) == "10s");

  Declared wait{"wait_timeout", 600000, "duration", "m"};
  CHECK(ToServer(wait, Var("BIGINT UNSIGNED", "", 1, "1", "31536000")).sql == "600");
  Declared fraction{"wait_timeout", 1500, "duration", "ms"};
  CHECK_THROWS_WITH(ToServer(fraction, Var("BIGINT UNSIGNED")),
                    "wait_timeout counts whole seconds, not 1500ms");

  Declared on{"slow_query_log", true, "", ""};
  CHECK(ToServer(on, Var("BOOLEAN")).sql == "ON");

  Declared word{"query_cache_type", "demand", "", ""};
  ServerVariable cache = Var("ENUM");
  cache.values = {"OFF", "ON", "DEMAND"};
  CHECK(ToServer(word, cache).sql == "'demand'");
  CHECK(ToServer(word, cache).canonical == "DEMAND");
  Declared bogus{"query_cache_type", "sometimes", "", ""};
  CHECK_THROWS_WITH(ToServer(bogus, cache),
                    "query_cache_type takes one of OFF, ON, DEMAND, not \"sometimes\"");
}

TEST_CASE("mysql.server values: out of the server's range is refused, not truncated",
          "[mysql.server]") {
  Declared few{"max_connections", 5, "", ""};
  CHECK_THROWS_WITH(ToServer(few, Var("BIGINT UNSIGNED", "", 1, "10", "100000")),
                    "max_connections = 5 is outside what the server accepts (10..100000): it "
                    "would set the nearest bound and warn \"Truncated incorrect max_connections "
                    "value\"");
  Declared text{"max_connections", "many", "", ""};
  CHECK_THROWS_WITH(ToServer(text, Var("BIGINT UNSIGNED")),
                    "max_connections takes a number, not \"many\"");
}

TEST_CASE("mysql.server: the options the server starts with, last one wins", "[mysql.server]") {
  std::map<std::string, std::string> options = ParsePrintDefaults(
      "--datadir=/var/lib/mysql\n--max-connections=200\n--max_connections=300\n"
      "--character_set_server=utf8 mb4\n--skip-log-bin\n");
  CHECK(options.at("max_connections") == "300");
  CHECK(options.at("character_set_server") == "utf8 mb4");
  CHECK(options.at("skip_log_bin") == "1");
  CHECK(options.at("datadir") == "/var/lib/mysql");
  CHECK(ParsePrintDefaults("").empty());
}

}  // namespace kilter::reconciler::mysql_server
