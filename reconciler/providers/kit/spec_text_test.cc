#include "reconciler/providers/kit/spec_text.h"

#include <stdexcept>

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("kit: QuoteString escapes what the language would read otherwise", "[kit][import]") {
  CHECK(QuoteString("plain") == "\"plain\"");
  CHECK(QuoteString("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(QuoteString("l1\nl2\tx\r") == "\"l1\\nl2\\tx\\r\"");
  // ${ would interpolate; a lone $ is a dollar.
  CHECK(QuoteString("${HOME} costs $5") == "\"\\${HOME} costs $5\"");
  CHECK(QuoteString("ends in $") == "\"ends in $\"");
  CHECK_THROWS_AS(QuoteString(std::string("bin\x01ary")), std::invalid_argument);
  CHECK_THROWS_AS(QuoteString(std::string("nul\0", 4)), std::invalid_argument);
}

TEST_CASE("kit: sizes and durations take the largest unit that divides them", "[kit][import]") {
  CHECK(SpecValue::Size(256ULL << 20).text() == "256MiB");
  CHECK(SpecValue::Size(1536ULL << 20).text() == "1536MiB");
  CHECK(SpecValue::Size(2ULL << 30).text() == "2GiB");
  CHECK(SpecValue::Size(1000).text() == "1000B");
  CHECK(SpecValue::Size(0).text() == "0B");
  CHECK(SpecValue::Duration(0).text() == "0ms");
  CHECK(SpecValue::Duration(2000).text() == "2s");
  CHECK(SpecValue::Duration(90 * 60000).text() == "90m");
  CHECK(SpecValue::Duration(86400000LL * 7).text() == "7d");
  CHECK(SpecValue::Duration(1500).text() == "1500ms");
  CHECK(SpecValue::Float(0.005).text() == "0.005");
  CHECK(SpecValue::Float(1).text() == "1.0");
  CHECK(SpecValue::Float(0.00001).text() == "0.00001");
}

TEST_CASE("kit: lists, objects and secrets as literals", "[kit][import]") {
  CHECK(SpecValue::List({}).text() == "[]");
  CHECK(SpecValue::List({SpecValue::String("a"), SpecValue::Int(-3), SpecValue::Bool(false)})
            .text() == "[\"a\", -3, false]");
  CHECK(SpecValue::Range(8000, 8100).text() == "8000..8100");
  CHECK(SpecValue::Object({}).text() == "{}");
  CHECK(SpecValue::Object({{"net.core.somaxconn", SpecValue::Int(4096), ""}}).text() ==
        "{ \"net.core.somaxconn\" = 4096 }");
  CHECK(SpecValue::Object({{"a", SpecValue::Int(1), ""}, {"b", SpecValue::Int(2), "why\nso"}})
            .text() == "{\n\"a\" = 1\n# why\n# so\n\"b\" = 2\n}");
  CHECK(SpecValue::Env("REDIS_PASSWORD_DB1").text() == "env(\"REDIS_PASSWORD_DB1\")");
}

TEST_CASE("kit: RenderSpec writes the header, notes, and one block per resource",
          "[kit][import]") {
  SpecFile file;
  file.notes = "not imported: x\n";
  file.resources.push_back({"sysctl",
                            "50-net",
                            "db1",
                            {{"values", SpecValue::Object({{"k.v", SpecValue::Int(1), ""}}),
                              "live value"}},
                            "from 50-net.conf"});
  CHECK(RenderSpec("Imported\n\nby kilter", file) ==
        "# Imported\n"
        "#\n"
        "# by kilter\n"
        "# not imported: x\n"
        "\n"
        "# from 50-net.conf\n"
        "sysctl \"50-net\" on db1 {\n"
        "  # live value\n"
        "  values = { \"k.v\" = 1 }\n"
        "}\n");
}

}  // namespace kilter::reconciler::kit
