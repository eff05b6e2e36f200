#include "reconciler/providers/redis_server/import.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

namespace {

catalog::Resource Server() {
  catalog::Resource r;
  r.type = kType;
  r.name = "main";
  r.host = "cache1";
  r.fields = {{"address", "127.0.0.1:6379"}, {"config_file", "/etc/redis/redis.conf"}};
  return r;
}

}  // namespace

TEST_CASE("redis.server import: the config files' settings with their live values",
          "[redis][import]") {
  ServerState state;
  state.files["/etc/redis/redis.conf"] =
      "maxmemory 256mb\nsave 3600 1\nsave 300 100\ntimeout 0\nhz 10\nrequirepass x\n"
      "masterauth y\ninclude /etc/redis/kilter-*.conf\n";
  state.config = {{"maxmemory", "268435456"}, {"save", "3600 1 300 100"},
                  {"timeout", "300"},         {"hz", "10"},
                  {"requirepass", kSameSecret}, {"masterauth", kOtherSecret},
                  {"maxmemory-policy", "noeviction"}};
  kit::SpecFile file = ImportedServer(Server(), state, {}, "REDIS_PASS");
  CHECK(file.notes ==
        "not imported: masterauth: kilter import does not read it; declare it by hand\n");
  REQUIRE(file.resources.size() == 1);
  CHECK(kit::RenderSpec("", file) ==
        "# not imported: masterauth: kilter import does not read it; declare it by hand\n"
        "\n# redis-server at 127.0.0.1:6379\n"
        "redis.server \"main\" on cache1 {\n"
        "  address = \"127.0.0.1:6379\"\n"
        "  config_file = \"/etc/redis/redis.conf\"\n"
        "  maxmemory = 256MiB\n"
        "  save = [\"3600 1\", \"300 100\"]\n"
        "  # live value; /etc/redis/redis.conf starts the server with timeout 0\n"
        "  timeout = 5m\n"
        "  # the password, read on the controller from REDIS_PASS\n"
        "  requirepass = env(\"REDIS_PASS\")\n"
        "  parameters = { \"hz\" = 10 }\n"
        "}\n");
}

TEST_CASE("redis.server import: --setting picks; a password without --password-env is a note",
          "[redis][import]") {
  ServerState state;
  state.files["/etc/redis/redis.conf"] = "appendonly yes\n";
  state.config = {{"appendonly", "yes"}, {"requirepass", kOtherSecret}};
  kit::SpecFile file =
      ImportedServer(Server(), state, {"appendonly", "requirepass", "nosuch"}, "");
  CHECK(file.notes ==
        "/etc/redis/redis.conf does not include kilter's file: add `include "
        "/etc/redis/kilter-main.conf` at its end, or plan refuses this resource\n"
        "not imported: requirepass: give --password-env VAR to write it as env(\"VAR\")\n"
        "not imported: nosuch: CONFIG GET does not list it\n");
  REQUIRE(file.resources.size() == 1);
  REQUIRE(file.resources[0].fields.size() == 3);
  CHECK(file.resources[0].fields[2].name == "appendonly");
  CHECK(file.resources[0].fields[2].value.text() == "true");
}

}  // namespace kilter::reconciler::redis_server
