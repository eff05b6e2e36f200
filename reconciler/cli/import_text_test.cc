#include "reconciler/cli/import_text.h"

#include <string>

#include <catch2/catch.hpp>

#include "reconciler/cli/command.h"
#include "reconciler/engine/import.h"

namespace kilter::cli {

TEST_CASE("import: the written specs are formatted like kilter fmt, secrets as env()",
          "[cli][import]") {
  reconciler::kit::SpecFile file;
  file.notes = "not imported: /var/blob: its content is not text\n";
  file.resources.push_back(
      {"redis.server",
       "main",
       "cache1",
       {{"address", reconciler::kit::SpecValue::String("127.0.0.1:6379"), ""},
        {"maxmemory", reconciler::kit::SpecValue::Size(512ULL << 20), ""},
        {"timeout", reconciler::kit::SpecValue::Duration(300000), "not in redis.conf: the server's default"},
        {"requirepass", reconciler::kit::SpecValue::Env("REDIS_PASSWORD"), ""},
        {"parameters",
         reconciler::kit::SpecValue::Object({{"hz", reconciler::kit::SpecValue::Int(20), ""},
                                 {"notify-keyspace-events", reconciler::kit::SpecValue::String("${x}"), ""}}),
         ""}},
       ""});
  std::string text = ImportedSpecText(file, "cache1", "redis.server");
  CHECK(text ==
        "# Imported by `kilter import --host cache1 --type redis.server` from the live host: "
        "kilter adopts\n"
        "# these objects as they are and marks them at the next apply that changes them.\n"
        "# not imported: /var/blob: its content is not text\n"
        "\n"
        "redis.server \"main\" on cache1 {\n"
        "  address     = \"127.0.0.1:6379\"\n"
        "  maxmemory   = 512MiB\n"
        "  # not in redis.conf: the server's default\n"
        "  timeout     = 5m\n"
        "  requirepass = env(\"REDIS_PASSWORD\")\n"
        "  parameters  = {\n"
        "    hz                       = 20\n"
        "    \"notify-keyspace-events\" = \"\\${x}\"\n"
        "  }\n"
        "}\n");
}

TEST_CASE("import: --help names every filter of every importer", "[cli][import]") {
  std::string help;
  for (const CommandSpec& c : Commands()) {
    if (std::string(c.name) == "import") help = c.help;
  }
  REQUIRE(!help.empty());
  for (const std::string& name : reconciler::ImportFilterNames()) {
    CHECK(help.find("--" + name + " ") != std::string::npos);
  }
}

}  // namespace kilter::cli
