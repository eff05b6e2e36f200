#include "reconciler/cli/help_text.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter demo run NAME [flags]\n"
    "       kilter demo --list\n"
    "\n"
    "Runs NAME. A paragraph\n"
    "of two lines.\n"
    "\n"
    "  run      a word item\n"
    "           continued\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    where to write;\n"
    "                       continued\n"
    "  --list   every name\n"
    "  kilter demo -x   an example, not a flag\n"
    "\n"
    "A closing line.\n";

}  // namespace

TEST_CASE("ParseHelp splits usage, paragraphs and item lists", "[cli]") {
  HelpText help = ParseHelp(kHelp);
  CHECK(help.usages ==
        std::vector<std::string>{"kilter demo run NAME [flags]", "kilter demo --list"});
  REQUIRE(help.blocks.size() == 5);
  CHECK(help.blocks[0].text == "Runs NAME. A paragraph\nof two lines.");
  CHECK(help.blocks[0].items.empty());
  REQUIRE(help.blocks[1].items.size() == 1);
  CHECK(help.blocks[1].items[0].term == "run");
  CHECK(help.blocks[1].items[0].description == "a word item continued");
  CHECK(help.blocks[2].text == "flags:");
  REQUIRE(help.blocks[3].items.size() == 3);
  CHECK(help.blocks[3].items[0].term == "-o, --output FILE");
  CHECK(help.blocks[3].items[0].description == "where to write; continued");
  CHECK(help.blocks[3].items[1].term == "--list");
  CHECK(help.blocks[3].items[1].description == "every name");
  CHECK(help.blocks[4].text == "A closing line.");
}

TEST_CASE("HelpFlags lists the flags of the flag items once each, metavariables left out",
          "[cli]") {
  CHECK(HelpFlags(ParseHelp(kHelp)) == std::vector<std::string>{"-o", "--output", "--list"});
}

}  // namespace kilter::cli
