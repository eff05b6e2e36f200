#include "reconciler/cli/args.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

TEST_CASE("Args separates flags, options and positionals", "[cli]") {
  Args args({"specs", "--check", "--param", "env=prod", "--param=mem=2", "-o", "out.json", "b"},
            {"check"}, {"param", "output"}, {{"o", "output"}});
  CHECK(args.Has("check"));
  CHECK(args.GetAll("param") == std::vector<std::string>{"env=prod", "mem=2"});
  CHECK(args.Get("output") == "out.json");
  CHECK(args.Get("missing", "fallback") == "fallback");
  CHECK(args.positionals() == std::vector<std::string>{"specs", "b"});
}

TEST_CASE("Args treats everything after -- as positional", "[cli]") {
  Args args({"--", "--check", "-o"}, {"check"}, {});
  CHECK_FALSE(args.Has("check"));
  CHECK(args.positionals() == std::vector<std::string>{"--check", "-o"});
}

TEST_CASE("Args rejects unknown options and missing values", "[cli]") {
  CHECK_THROWS_AS(Args({"--nope"}, {}, {}), UsageError);
  CHECK_THROWS_AS(Args({"-x"}, {}, {}), UsageError);
  CHECK_THROWS_AS(Args({"--output"}, {}, {"output"}), UsageError);
  CHECK_THROWS_AS(Args({"--check=yes"}, {"check"}, {}), UsageError);
}

}  // namespace kilter::cli
