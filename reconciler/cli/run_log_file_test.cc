#include "reconciler/cli/run_log_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

namespace kilter::cli {

TEST_CASE("AppendLine: lines of writers appending at once never interleave", "[cli]") {
  auto dir = std::filesystem::temp_directory_path() / ("kilter-runlog-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string log = (dir / "run.log").string();
  // Lines of 256 KiB, each of one letter: a torn write would mix letters.
  constexpr int kWriters = 8, kLines = 4;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&log, w] {
      std::string line(256 * 1024, static_cast<char>('a' + w));
      for (int i = 0; i < kLines; ++i) AppendLine(log, line);
    });
  }
  for (std::thread& t : writers) t.join();
  std::ifstream in(log);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    REQUIRE(line.size() == 256 * 1024);
    CHECK(line.find_first_not_of(line[0]) == std::string::npos);
  }
  CHECK(lines == kWriters * kLines);
  std::filesystem::remove_all(dir);
}

TEST_CASE("AppendLine: a log that cannot be opened is an error naming it", "[cli]") {
  CHECK_THROWS_WITH(AppendLine("/nonexistent-dir/run.log", "{}"),
                    Catch::Contains("/nonexistent-dir/run.log") &&
                        Catch::Contains("No such file or directory"));
}

}  // namespace kilter::cli
