// The kit's batch read (reconciler/providers/kit/batch_read.h) run by a real
// /bin/sh, locally and over the estate's sshd: files of every kind framed by
// one stat and one cat, manifests, globs and commands in one round trip.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/batch_read.h"
#include "tests/integration/transport/fixture.h"

namespace kilter::testing {
namespace {

namespace kit = reconciler::kit;

TEST_CASE("batch read: files, manifests, globs and commands through a real shell", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  CAPTURE(kind);
  auto transport = MakeTransport(kind);
  TempDir dir;
  std::string binary("a\0b\nkilter-end-\n", 16);
  WriteLocal(dir / "plain.conf", "one\ntwo\n");
  WriteLocal(dir / "with space.conf", "spaced");
  WriteLocal(dir / "binary", binary);
  WriteLocal(dir / "empty", "");
  WriteLocal(dir / "manifest", dir / "listed" + "\tsha256:x\n" + dir / "gone" + "\tsha256:y\n");
  WriteLocal(dir / "listed", "listed\n");
  std::filesystem::create_directory(dir.path / "sub");
  std::filesystem::create_symlink(dir / "plain.conf", dir.path / "link");
  ::chmod((dir / "plain.conf").c_str(), 0640);

  kit::ReadBatch batch;
  for (const char* name : {"plain.conf", "with space.conf", "binary", "empty", "sub", "missing",
                           "link", "plain.conf"}) {
    batch.AddFile(dir / name);
  }
  batch.AddManifest(dir / "manifest");
  batch.AddGlob("confs", dir.path.string(), "*.conf", true);
  batch.AddCommand("hello", "printf 'out'; printf 'err' >&2; exit 4");
  batch.AddCommand("stdin", "cat", "fed\n");
  kit::BatchResult r = kit::Read(*transport, batch, kHostName, "the test files");

  const kit::FileRead& plain = r.File(dir / "plain.conf");
  CHECK(plain.regular);
  CHECK(plain.content == "one\ntwo\n");
  CHECK(plain.stat.mode == 0640);
  CHECK(plain.stat.size == 8);
  CHECK(plain.mtime > 0);
  CHECK(r.File(dir / "with space.conf").content == "spaced");
  CHECK(r.File(dir / "binary").content == binary);
  CHECK(r.File(dir / "empty").regular);
  CHECK(r.File(dir / "empty").content.empty());
  CHECK(r.File(dir / "sub").exists);
  CHECK_FALSE(r.File(dir / "sub").regular);
  CHECK_FALSE(r.File(dir / "missing").exists);
  CHECK(r.File(dir / "link").content == "one\ntwo\n");
  CHECK(r.File(dir / "listed").content == "listed\n");
  CHECK_FALSE(r.File(dir / "gone").exists);
  CHECK(r.Glob("confs") ==
        std::vector<std::string>{dir / "plain.conf", dir / "with space.conf"});
  CHECK(r.Command("hello").exit_code == 4);
  CHECK(r.Command("hello").out == "out");
  CHECK(r.Command("hello").err == "err");
  CHECK(r.Command("stdin").out == "fed\n");
}

TEST_CASE("batch read: two hundred files in one round trip", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  CAPTURE(kind);
  auto transport = MakeTransport(kind);
  TempDir dir;
  kit::ReadBatch batch;
  for (int i = 0; i < 200; ++i) {
    std::string path = dir / ("f" + std::to_string(i));
    WriteLocal(path, std::string(static_cast<size_t>(i), 'x') + "\n");
    batch.AddFile(path);
  }
  kit::BatchResult r = kit::Read(*transport, batch, kHostName, "the test files");
  REQUIRE(r.files.size() == 200);
  for (int i = 0; i < 200; ++i) {
    CHECK(r.File(dir / ("f" + std::to_string(i))).content.size() == static_cast<size_t>(i) + 1);
  }
}

}  // namespace
}  // namespace kilter::testing
