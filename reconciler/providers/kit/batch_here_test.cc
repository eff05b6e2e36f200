#include "reconciler/providers/kit/batch_here.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "reconciler/transport/local_transport.h"

namespace kilter::reconciler::kit {

namespace {

namespace fs = std::filesystem;

/// A scratch directory with one of everything a batch can meet.
struct Scratch {
  fs::path dir;

  Scratch() {
    char tmpl[] = "/tmp/kilter-here-XXXXXX";
    dir = ::mkdtemp(tmpl);
    Write("plain.conf", "a = 1\n");
    Write("empty.conf", "");
    Write("binary.bin", std::string("x\0y\n", 4));
    fs::create_symlink(dir / "plain.conf", dir / "link.conf");
    fs::create_symlink(dir / "nowhere", dir / "dangling.conf");
    fs::create_directory(dir / "sub.conf");
    ::mkfifo((dir / "fifo.conf").c_str(), 0600);
    ::chmod((dir / "plain.conf").c_str(), 04750);
    Write("manifest", (dir / "plain.conf").string() + "\tsha\n" + "not a path\n" +
                          (dir / "listed").string() + "\n");
    Write("listed", "listed\n");
    // An include tree: globs, a missing file, a cycle the depth limit ends.
    Write("tree.conf", "include " + Path("inc-*.inc") + "\n  include " + Path("gone.inc") + ";\n");
    Write("inc-1.inc", "INCLUDE " + Path("tree.conf") + "\n");
    Write("inc-2.inc", "port 1\n");
  }
  ~Scratch() { fs::remove_all(dir); }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir / name, std::ios::binary) << content;
  }
  std::string Path(const std::string& name) const { return (dir / name).string(); }
};

void CheckSame(const BatchResult& here, const BatchResult& script) {
  REQUIRE(here.files.size() == script.files.size());
  for (const auto& [path, s] : script.files) {
    INFO(path);
    REQUIRE(here.files.count(path));
    const FileRead& h = here.files.at(path);
    CHECK(h.exists == s.exists);
    CHECK(h.regular == s.regular);
    CHECK(h.error.empty() == s.error.empty());
    CHECK(h.content == s.content);
    CHECK(h.stat.mode == s.stat.mode);
    CHECK(h.stat.owner == s.stat.owner);
    CHECK(h.stat.group == s.stat.group);
    CHECK(h.stat.size == s.stat.size);
    CHECK(h.mtime == s.mtime);
  }
  CHECK(here.globs == script.globs);
  CHECK(here.trees == script.trees);
  REQUIRE(here.commands.size() == script.commands.size());
  for (const auto& [key, s] : script.commands) {
    INFO(key);
    CHECK(here.commands.at(key).exit_code == s.exit_code);
    CHECK(here.commands.at(key).out == s.out);
    CHECK(here.commands.at(key).err == s.err);
  }
}

}  // namespace

TEST_CASE("kit: a batch read in-process gives what the batch script gives", "[kit][batch]") {
  Scratch s;
  ReadBatch batch;
  for (const char* name : {"plain.conf", "link.conf", "dangling.conf", "sub.conf", "fifo.conf",
                           "missing.conf", "empty.conf", "binary.bin", "plain.conf"}) {
    batch.AddFile(s.Path(name));
  }
  batch.AddManifest(s.Path("manifest"));
  batch.AddGlob("confs", s.dir.string(), "*.conf", true);
  batch.AddGlob("names", s.dir.string(), "*", false);
  batch.AddGlob("none", s.Path("missing-dir"), "*", true);
  batch.AddTree("tree", s.Path("tree.conf"), "include");
  batch.AddCommand("slow", "sleep 0.2; echo late; echo oops >&2; exit 3", "", true);
  batch.AddCommand("cat", "cat; echo \"$1\"", "line one\nline two\n");
  batch.AddCommand("fails", "exit 7");

  LocalTransport local("here");
  BatchResult here = ReadHere(local, batch);
  std::string nonce = "kilter-end-test";
  CommandResult script = local.Run(batch.ToCommand(nonce));
  REQUIRE(script.ok());
  CheckSame(here, ParseBatchOutput(batch, script.out, nonce));

  CHECK(here.File(s.Path("link.conf")).content == "a = 1\n");
  CHECK(here.File(s.Path("plain.conf")).stat.mode == 04750);
  CHECK(here.File(s.Path("fifo.conf")).exists);
  CHECK_FALSE(here.File(s.Path("fifo.conf")).regular);
  CHECK_FALSE(here.File(s.Path("dangling.conf")).exists);
  CHECK(here.File(s.Path("listed")).content == "listed\n");
  CHECK(here.Command("slow").out == "late\n");
  CHECK(here.Command("slow").exit_code == 3);
  CHECK(here.Command("cat").out == "line one\nline two\n\n");
  CHECK(here.Command("fails").exit_code == 7);
  CHECK(here.Glob("none").empty());
  const std::vector<std::string>& tree = here.Tree("tree");
  REQUIRE(tree.size() > 4);
  CHECK(tree[0] == s.Path("tree.conf"));
  CHECK(tree[1] == s.Path("inc-1.inc"));
  CHECK(tree[2] == s.Path("tree.conf"));
  CHECK(here.File(s.Path("inc-2.inc")).content == "port 1\n");
  CHECK_FALSE(here.File(s.Path("gone.inc")).exists);
  CHECK(std::count(tree.begin(), tree.end(), s.Path("gone.inc")) > 1);
}

TEST_CASE("kit: Read takes the in-process way on a local transport only", "[kit][batch]") {
  LocalTransport local("here");
  CHECK(local.local());
  Scratch s;
  ReadBatch batch;
  batch.AddFile(s.Path("plain.conf"));
  batch.AddCommand("pid", "echo $PPID");
  BatchResult result = Read(local, batch, "here", "a test");
  // In-process, the command's parent is kilter itself, not a batch script.
  CHECK(std::stol(result.Command("pid").out) == static_cast<long>(::getpid()));
  CHECK(result.File(s.Path("plain.conf")).content == "a = 1\n");
}

}  // namespace kilter::reconciler::kit
