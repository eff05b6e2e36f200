#include "reconciler/cli/man_page.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

int Run(const std::vector<std::string>&) { return 0; }

const std::vector<CommandSpec> kTable = {
    {"demo", "show a `demo`",
     "usage: kilter demo [PATH...] [-o FILE]\n"
     "\n"
     "Writes C:\\x with `kilter demo`.\n"
     ".dot starts this line; a well-known -o flag.\n"
     "\n"
     "flags:\n"
     "  -o, --output FILE    where to write\n",
     &Run},
    {"other", "another command", "usage: kilter other\n", &Run},
};

}  // namespace

TEST_CASE("ManPage heads the page with the version and kilter's summary", "[cli]") {
  std::string page = ManPage(kTable, "9.9.9");
  CHECK(page.rfind(".TH KILTER 1 \"\" \"kilter 9.9.9\" \"User Commands\"\n.nh\n.ad l\n"
                   ".SH NAME\nkilter \\- a declarative configuration compiler",
                   0) == 0);
  CHECK(page.find(".SH SYNOPSIS\n") != std::string::npos);
}

TEST_CASE("ManPage gives each command a section made from its help", "[cli]") {
  std::string page = ManPage(kTable, "9.9.9");
  CHECK(page.find(".SS demo\nshow a \\fBdemo\\fR.\n.PP\n"
                  "\\fBkilter demo\\fR [PATH...] [\\-o FILE]\n.br\n") != std::string::npos);
  CHECK(page.find(".PP\nWrites C:\\ex with \\fBkilter demo\\fR.\n"
                  "\\&.dot starts this line; a well-known \\-o flag.\n") != std::string::npos);
  CHECK(
      page.find(
          ".PP\nflags:\n.TP\n\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIFILE\\fR\nwhere to write\n") !=
      std::string::npos);
  CHECK(page.find(".SS other\nanother command.\n.PP\n\\fBkilter other\\fR\n.br\n") !=
        std::string::npos);
}

}  // namespace kilter::cli
