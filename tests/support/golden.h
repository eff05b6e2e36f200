#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace kilter::testing {

/// Compares `actual` with tests/golden/plan/NAME; KILTER_UPDATE_GOLDEN=1
/// rewrites the file instead (then review the diff in git).
inline void CheckPlanGolden(const std::string& name, const std::string& actual) {
  std::filesystem::path path =
      std::filesystem::path(KILTER_SOURCE_DIR) / "tests/golden/plan" / name;
  if (std::getenv("KILTER_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream expected;
  expected << in.rdbuf();
  INFO("golden file " << path.string() << " (KILTER_UPDATE_GOLDEN=1 rewrites it)");
  CHECK(actual == expected.str());
}

}  // namespace kilter::testing
