#include "compiler/sema/memory_budget.h"

#include <catch2/catch.hpp>

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler {
namespace {

constexpr int64_t kMiB = 1LL << 20;

/// Evaluates `specs` against the test inventory with `memory` given for
/// web1, then runs the budget check.
struct Budget {
  testing::Result r;
  Diagnostics diags;

  Budget(const std::string& specs, int64_t web1_memory) {
    Inventory inventory = testing::TestInventory();
    inventory.host_memory["web1"] = {web1_memory, {}};
    testing::Evaluate(r, specs, {}, {}, &inventory);
    INFO(r.Text());
    REQUIRE_FALSE(r.diags.has_errors());
    CheckMemoryBudget(inventory, r.resources, diags);
  }
};

}  // namespace

TEST_CASE("php.opcache's memory line: shared memory and JIT buffer, none when off", "[budget]") {
  testing::Result r;
  testing::Evaluate(r, R"(
php.opcache "a" on web1 {
  memory_consumption = 256MiB
  jit = "tracing"
  jit_buffer_size = 64MiB
}
php.opcache "b" on web2 {}
php.opcache "c" on db1 {
  enable = false
  memory_consumption = 256MiB
})");
  INFO(r.Text());
  REQUIRE(r.resources.size() == 3);
  REQUIRE(r.resources[0].memory.size() == 1);
  CHECK(r.resources[0].memory[0].bytes == 320 * kMiB);
  CHECK(testing::Result::Covered({Severity::kNote, "", "", r.resources[0].memory[0].at}) ==
        "memory_consumption = 256MiB");
  CHECK(r.resources[1].memory[0].bytes == 128 * kMiB);
  CHECK(r.resources[2].memory[0].bytes == 0);
  CHECK(r.resources[0].host_wide);
}

TEST_CASE("the budget: an error above the host's memory, a warning above 90 %", "[budget]") {
  const std::string specs = R"(php.opcache "a" on web1 { memory_consumption = 900MiB })";
  Budget over(specs, 899 * kMiB);
  REQUIRE(over.diags.all().size() == 1);
  const Diagnostic& e = over.diags.all()[0];
  CHECK(e.severity == Severity::kError);
  CHECK(e.code == "E0214");
  CHECK(e.message == "host web1: the specs let its processes take 900MiB in all, 100 % of its "
                     "memory = \"899MiB\"");
  REQUIRE(e.related.size() == 1);
  CHECK(e.related[0].message ==
        "900MiB: OPcache shared memory (memory_consumption + jit_buffer_size) "
        "(php.opcache \"a\")");

  Budget near(specs, 999 * kMiB);
  REQUIRE(near.diags.all().size() == 1);
  CHECK(near.diags.all()[0].severity == Severity::kWarning);
  CHECK(near.diags.all()[0].code == "W0204");

  Budget exactly_ninety(specs, 1000 * kMiB);
  CHECK(exactly_ninety.diags.all().empty());
  Budget roomy(specs, 4096 * kMiB);
  CHECK(roomy.diags.all().empty());
}

TEST_CASE("the budget counts one host_wide process once, the largest, and only on its host",
          "[budget]") {
  Budget b(R"(
php.opcache "small" on web1 { max_accelerated_files = 20000 }
php.opcache "large" on ["web1", "web2"] { memory_consumption = 512MiB })",
           520 * kMiB);
  REQUIRE(b.diags.all().size() == 1);
  const Diagnostic& w = b.diags.all()[0];
  CHECK(w.code == "W0204");
  CHECK(w.message.find("take 512MiB in all") != std::string::npos);
  REQUIRE(w.related.size() == 1);
  CHECK(w.related[0].message.find("(php.opcache \"large\")") != std::string::npos);
}

}  // namespace kilter::compiler
