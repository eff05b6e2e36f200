#include "reconciler/cli/bash_completion.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

int Run(const std::vector<std::string>&) { return 0; }

}  // namespace

TEST_CASE("BashCompletion offers the commands, then each command's flags", "[cli]") {
  std::vector<CommandSpec> table = {
      {"demo", "", "usage: kilter demo\n\nflags:\n  -o, --output FILE   out\n  --check   check\n",
       &Run},
      {"bare", "", "usage: kilter bare\n", &Run},
  };
  std::string script = BashCompletion(table);
  CHECK(script.find("words=\"demo bare --help --version\"") != std::string::npos);
  CHECK(script.find("demo) words=\"-o --output --check --help\" ;;") != std::string::npos);
  CHECK(script.find("bare) words=\"--help\" ;;") != std::string::npos);
  CHECK(script.find("complete -o default -F _kilter kilter\n") != std::string::npos);
}

}  // namespace kilter::cli
