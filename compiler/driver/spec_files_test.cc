#include "compiler/driver/spec_files.h"

#include <map>
#include <set>

#include <catch2/catch.hpp>

namespace kilter::compiler {

namespace {

/// Files in memory; a directory is any prefix of a file's path. Counts reads
/// so tests can prove each file is read once.
class MemoryDisk : public SourceReader {
 public:
  explicit MemoryDisk(std::map<std::string, std::string> files) : files_(std::move(files)) {}

  bool Read(const std::string& path, std::string& text, std::string& error) override {
    ++reads[path];
    auto it = files_.find(path);
    if (it == files_.end()) {
      error = "No such file or directory";
      return false;
    }
    text = it->second;
    return true;
  }

  bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) override {
    std::string prefix = path == "." ? "" : path + "/";
    std::set<std::string> seen;
    bool any = false;
    for (const auto& [file, text] : files_) {
      if (file.rfind(prefix, 0) != 0) continue;
      any = true;
      std::string rest = file.substr(prefix.size());
      size_t slash = rest.find('/');
      std::string name = rest.substr(0, slash);
      if (seen.insert(name).second) entries.push_back({name, slash != std::string::npos});
    }
    return any;
  }

  std::map<std::string, int> reads;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace

TEST_CASE("FindSpecFiles walks directories in sorted order, skipping hidden entries", "[driver]") {
  MemoryDisk disk({{"specs/web.kilt", "w"},
                   {"specs/db.kilt", "d"},
                   {"specs/lib/common.kilt", "c"},
                   {"specs/kilter.toml", ""},
                   {"specs/.hidden/x.kilt", "h"},
                   {"specs/.swp.kilt", "s"},
                   {"specs/notes.md", ""}});
  PrefetchReader reader(disk);
  Diagnostics diags;
  auto files = FindSpecFiles({"specs/"}, reader, diags);
  CHECK(files == std::vector<std::string>{"specs/db.kilt", "specs/lib/common.kilt",
                                          "specs/web.kilt"});
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("FindSpecFiles reads every file once, however it is named", "[driver]") {
  MemoryDisk disk({{"a.kilt", "A"}, {"sub/b.kilt", "B"}});
  PrefetchReader reader(disk);
  Diagnostics diags;
  auto files = FindSpecFiles({".", "./a.kilt", "sub/../sub/b.kilt"}, reader, diags);
  CHECK(files == std::vector<std::string>{"a.kilt", "sub/b.kilt"});
  std::string text;
  std::string error;
  CHECK(reader.Read("a.kilt", text, error));
  CHECK(text == "A");
  CHECK(disk.reads["a.kilt"] == 1);
  CHECK(disk.reads["sub/b.kilt"] == 1);
}

TEST_CASE("FindSpecFiles reports missing paths and empty directories", "[driver]") {
  MemoryDisk disk(std::map<std::string, std::string>{{"docs/readme.md", ""}});
  PrefetchReader reader(disk);
  Diagnostics diags;
  auto files = FindSpecFiles({"nope.kilt", "docs"}, reader, diags);
  CHECK(files.empty());
  REQUIRE(diags.all().size() == 2);
  CHECK(diags.all()[0].code == "E0409");
  CHECK(diags.all()[0].message == "cannot read nope.kilt: No such file or directory");
  CHECK(diags.all()[1].code == "E0410");
  CHECK(diags.all()[1].message == "no .kilt files found below docs");
}

TEST_CASE("InventoryBeside looks in the directory or beside the file", "[driver]") {
  MemoryDisk disk({{"specs/web.kilt", ""}, {"top.kilt", ""}});
  CHECK(InventoryBeside("specs", disk) == "specs/kilter.toml");
  CHECK(InventoryBeside("specs/web.kilt", disk) == "specs/kilter.toml");
  CHECK(InventoryBeside("top.kilt", disk) == "kilter.toml");
  CHECK(InventoryBeside(".", disk) == "kilter.toml");
}

TEST_CASE("DisplayPath normalises without leading ./", "[driver]") {
  CHECK(DisplayPath("./a/b.kilt") == "a/b.kilt");
  CHECK(DisplayPath("a//b/../c/") == "a/c");
  CHECK(DisplayPath(".") == ".");
  CHECK(DisplayPath("./") == ".");
  CHECK(DisplayPath("/abs/x") == "/abs/x");
}

}  // namespace kilter::compiler
