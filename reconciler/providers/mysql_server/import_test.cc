#include "reconciler/providers/mysql_server/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql_server {

namespace {

ServerVariable Var(const std::string& value, const std::string& type) {
  ServerVariable v;
  v.value = value;
  v.type = type;
  return v;
}

}  // namespace

TEST_CASE("mysql.server import: typed fields in their units, the rest in variables",
          "[mysql_server][import]") {
  ServerState state;
  state.version = "10.11.6-MariaDB";
  state.variables = {{"max_connections", Var("151", "BIGINT UNSIGNED")},
                     {"innodb_buffer_pool_size", Var("134217728", "BIGINT UNSIGNED")},
                     {"long_query_time", Var("0.030000", "DOUBLE")},
                     {"wait_timeout", Var("28800", "BIGINT UNSIGNED")},
                     {"slow_query_log", Var("OFF", "BOOLEAN")},
                     {"query_cache_type", Var("OFF", "ENUM")},
                     {"back_log", Var("80", "BIGINT UNSIGNED")}};
  state.options = {{"max_connections", "151"},
                   {"innodb_buffer_pool_size", "128M"},
                   {"long_query_time", "0.03"},
                   {"wait_timeout", "600"},
                   {"slow_query_log", "0"},
                   {"query_cache_type", "OFF"}};
  kit::SpecFile file =
      ImportedServer("db1", state,
                     {"max_connections", "innodb_buffer_pool_size", "long_query_time",
                      "wait_timeout", "slow_query_log", "query_cache_type", "back_log", "nope"});
  CHECK(file.notes == "not imported: nope: the server (10.11.6-MariaDB) has no such variable\n");
  REQUIRE(file.resources.size() == 1);
  CHECK(kit::RenderSpec("", file) ==
        "# not imported: nope: the server (10.11.6-MariaDB) has no such variable\n"
        "\n# server variables of MariaDB 10.11.6-MariaDB\n"
        "mysql.server \"server\" on db1 {\n"
        "  max_connections = 151\n"
        "  innodb_buffer_pool_size = 128MiB\n"
        "  long_query_time = 30ms\n"
        "  # live value; the option files start the server with wait_timeout = 600\n"
        "  wait_timeout = 8h\n"
        "  slow_query_log = false\n"
        "  variables = {\n"
        "\"query_cache_type\" = \"OFF\"\n"
        "# live value; no option file sets it (the server's default, or SET GLOBAL by hand):\n"
        "# kilter persists it in its own option file at the next apply\n"
        "\"back_log\" = 80\n"
        "}\n"
        "}\n");
}

}  // namespace kilter::reconciler::mysql_server
