#include "reconciler/providers/php_opcache/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_opcache {

namespace {

catalog::Resource Defaults() {
  catalog::Resource r;
  r.type = "php.opcache";
  r.fields = {{"memory_consumption", 128LL << 20},
              {"validate_timestamps", true},
              {"revalidate_freq", 2000},
              {"jit", "disable"},
              {"jit_buffer_size", 0}};
  r.field_types = {{"memory_consumption", "size"},
                   {"revalidate_freq", "duration"},
                   {"jit_buffer_size", "size"}};
  return r;
}

LiveConfig Live() {
  LiveConfig live;
  live.php_version = "8.2.7";
  live.binary = "/usr/bin/php8.2";
  live.opcache_loaded = true;
  live.directives = {
      {"opcache.memory_consumption", {"192", {{"/etc/php/conf.d/20-shop.ini", "192"}}}},
      {"opcache.validate_timestamps", {"0", {{"/etc/php/conf.d/20-shop.ini", "0"}}}},
      {"opcache.revalidate_freq", {"2", {}}},
      {"opcache.jit", {"tracing", {}}},
      {"opcache.jit_buffer_size", {"0", {}}}};
  return live;
}

}  // namespace

TEST_CASE("php.opcache import: what differs from the schema's defaults, with why",
          "[php][import]") {
  kit::SpecFile file =
      ImportedOpcache("web1", Live(), Defaults(), {"php.opcache", {}, std::nullopt});
  CHECK(file.notes.empty());
  REQUIRE(file.resources.size() == 1);
  CHECK(kit::RenderSpec("", file) ==
        "\n# OPcache of PHP 8.2.7 (/usr/bin/php8.2); directives at the schema's default are "
        "left out\n"
        "php.opcache \"opcache\" on web1 {\n"
        "  # PHP's built-in default: no ini file sets opcache.jit\n"
        "  jit = \"tracing\"\n"
        "  memory_consumption = 192MiB\n"
        "  validate_timestamps = false\n"
        "  accept = { \"W0201\" = \"imported as the host runs it: PHP's JIT is on without a "
        "buffer, so it never runs\" }\n"
        "}\n");
}

TEST_CASE("php.opcache import: --directive writes it even at the default", "[php][import]") {
  kit::SpecFile file = ImportedOpcache(
      "web1", Live(), Defaults(),
      {"php.opcache", {{"directive", {"opcache.revalidate_freq", "nope"}}}, std::nullopt});
  CHECK(file.notes == "not imported: opcache.nope: php.opcache has no field nope\n");
  REQUIRE(file.resources.size() == 1);
  REQUIRE(file.resources[0].fields.size() == 1);
  CHECK(file.resources[0].fields[0].name == "revalidate_freq");
  CHECK(file.resources[0].fields[0].value.text() == "2s");
}

}  // namespace kilter::reconciler::php_opcache
