#include "compiler/driver/disk_reader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>

namespace kilter::compiler {

namespace {

/// A fresh directory under the system temp dir, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("kilter-disk-reader-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path / "sub");
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("DiskReader reads whole files and explains failures", "[driver]") {
  TempDir dir;
  std::string big(100000, 'x');
  std::ofstream(dir.path / "big.kilt") << big;
  DiskReader reader;
  std::string text;
  std::string error;
  REQUIRE(reader.Read((dir.path / "big.kilt").string(), text, error));
  CHECK(text == big);
  CHECK_FALSE(reader.Read((dir.path / "missing.kilt").string(), text, error));
  CHECK(error == "No such file or directory");
  CHECK_FALSE(reader.Read((dir.path / "sub").string(), text, error));
  CHECK(error == "is a directory");
}

TEST_CASE("DiskReader lists directories and tells files from directories", "[driver]") {
  TempDir dir;
  std::ofstream(dir.path / "a.kilt") << "";
  std::filesystem::create_directory_symlink(dir.path / "sub", dir.path / "loop");
  DiskReader reader;
  std::vector<SourceReader::DirEntry> entries;
  REQUIRE(reader.ListDirectory(dir.path.string(), entries));
  std::map<std::string, bool> found;
  for (const auto& e : entries) found[e.name] = e.is_directory;
  CHECK(found == std::map<std::string, bool>{{"a.kilt", false}, {"loop", false}, {"sub", true}});
  CHECK_FALSE(reader.ListDirectory((dir.path / "a.kilt").string(), entries));
}

}  // namespace kilter::compiler
