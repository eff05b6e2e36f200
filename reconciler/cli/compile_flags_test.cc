#include "reconciler/cli/compile_flags.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

CompileFlags Read(const std::vector<std::string>& argv) {
  return ReadCompileFlags(Args(argv, {}, CompileOptions()));
}

}  // namespace

TEST_CASE("Compile flags default to text, the current directory and 100 errors", "[cli]") {
  CompileFlags flags = Read({});
  CHECK(flags.format == DiagFormat::kText);
  CHECK(flags.request.paths.empty());
  CHECK(flags.request.inventory.empty());
  CHECK(flags.request.max_errors == 100);
  CHECK(flags.color == "auto");
}

TEST_CASE("Compile flags read paths, inventory, params, format and limits", "[cli]") {
  CompileFlags flags = Read({"specs", "more.kilt", "--inventory", "prod.toml", "--param",
                             "env=staging", "--param", "url=http://x/?a=b", "--format", "sarif",
                             "--max-errors", "0", "--color", "never"});
  CHECK(flags.request.paths == std::vector<std::string>{"specs", "more.kilt"});
  CHECK(flags.request.inventory == "prod.toml");
  CHECK(flags.request.param_overrides ==
        std::map<std::string, std::string>{{"env", "staging"}, {"url", "http://x/?a=b"}});
  CHECK(flags.format == DiagFormat::kSarif);
  CHECK(flags.request.max_errors == std::numeric_limits<size_t>::max());
  CHECK(flags.color == "never");
}

TEST_CASE("Compile flags reject malformed values", "[cli]") {
  CHECK_THROWS_AS(Read({"--param", "env"}), UsageError);
  CHECK_THROWS_AS(Read({"--param", "=x"}), UsageError);
  CHECK_THROWS_AS(Read({"--format", "xml"}), UsageError);
  CHECK_THROWS_AS(Read({"--max-errors", "ten"}), UsageError);
  CHECK_THROWS_AS(Read({"--max-errors", "-1"}), UsageError);
  CHECK_THROWS_AS(Read({"--color", "sometimes"}), UsageError);
}

TEST_CASE("Colour follows --color, and NO_COLOR in auto mode", "[cli]") {
  CHECK(UseColor("always", stdout));
  CHECK_FALSE(UseColor("never", stdout));
  ::setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(UseColor("auto", stdout));
  CHECK(UseColor("always", stdout));
  ::unsetenv("NO_COLOR");
}

}  // namespace kilter::cli
