#include "reconciler/cli/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("WriteFileAtomically replaces content, keeps the mode, leaves no temp file", "[cli]") {
  auto dir = std::filesystem::temp_directory_path() / ("kilter-atomic-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto file = dir / "web.kilt";
  std::ofstream(file) << "old";
  ::chmod(file.c_str(), 0640);
  WriteFileAtomically(file.string(), "new text\n");
  CHECK(Slurp(file) == "new text\n");
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(std::distance(std::filesystem::directory_iterator(dir),
                      std::filesystem::directory_iterator()) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("WriteFileAtomically names the path when it cannot write", "[cli]") {
  CHECK_THROWS_WITH(WriteFileAtomically("/nonexistent-dir/x.kilt", "x"),
                    "cannot write /nonexistent-dir/x.kilt: No such file or directory");
}

TEST_CASE("WriteOutput writes into a device in place instead of replacing it", "[cli]") {
  WriteOutput("/dev/null", "discarded");
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

}  // namespace kilter::cli
