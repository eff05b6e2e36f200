// The transport contract (reconciler/transport/transport.h), run unchanged
// against the local transport and the SSH transport.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/integration/transport/fixture.h"

namespace kilter::testing {
namespace {

using reconciler::Command;
using reconciler::CommandResult;
using reconciler::FileStat;
using reconciler::Transport;
using reconciler::WriteOptions;
using Clock = std::chrono::steady_clock;

/// Whether `pid` still runs (a zombie waiting for a reaper does not).
bool Running(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::string stat = ReadText("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  return paren == std::string::npos || stat.compare(paren, 3, ") Z") != 0;
}

std::string Bytes(size_t size, uint32_t seed) {
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    seed = seed * 1103515245 + 12345;
    c = static_cast<char>(seed >> 16);
  }
  return bytes;
}

TEST_CASE("contract: argv runs the program with exact arguments", "[contract]") {
  auto transport = MakeTransport(GENERATE("local", "ssh"));
  CAPTURE(transport->host());
  CommandResult result =
      transport->Run(Argv({"printf", "[%s]", "a b", "it's", "$HOME", "*", "x\ny", "", "\\"}));
  CHECK(result.exit_code == 0);
  CHECK(result.out == "[a b][it's][$HOME][*][x\ny][][\\]");
  CHECK(result.err.empty());

  CommandResult missing = transport->Run(Argv({"kilter-no-such-program", "x"}));
  CHECK(missing.exit_code == 127);
  CHECK_THAT(missing.err, Catch::Contains("kilter-no-such-program"));
}

TEST_CASE("contract: shell text runs in /bin/sh with exit codes and stderr", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  CommandResult result = transport->Run(Shell("echo out; echo err >&2; printf '%s' \"$0\" >&2; exit 3"));
  CHECK(result.exit_code == 3);
  CHECK(result.out == "out\n");
  CHECK_THAT(result.err, Catch::StartsWith("err\n"));
  CHECK(transport->Run(Shell("for i in 1 2 3; do echo $i; done | tail -n 1")).out == "3\n");
  CHECK(transport->Run(Shell("kill -TERM $$")).exit_code == 128 + 15);
  CHECK(transport->Run(Shell("if then")).exit_code == 2);
  CHECK(transport->Run(Shell("read line; echo \"[$line]\"")).out == "[]\n");
  CHECK(transport->Run(Argv({"true"})).exit_code == 0);  // still usable after all that
}

TEST_CASE("contract: stdin reaches the command, binary-safe", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  std::string data = Bytes(300000, 7) + std::string("\0\n", 2);
  CommandResult echoed = transport->Run(Argv({"cat"}, data));
  CHECK(echoed.exit_code == 0);
  CHECK(echoed.out == data);
  CHECK(transport->Run(Argv({"wc", "-c"}, Bytes(3 << 20, 8))).out == "3145728\n");
  // A command that never reads its stdin still finishes.
  CHECK(transport->Run(Argv({"true"}, Bytes(1 << 20, 9))).exit_code == 0);
}

TEST_CASE("contract: big outputs on both streams do not deadlock", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  CommandResult result = transport->Run(
      Shell("i=0; while [ $i -lt 40 ]; do head -c 262144 /dev/zero | tr '\\0' e >&2; "
            "head -c 262144 /dev/zero | tr '\\0' o; i=$((i+1)); done"));
  CHECK(result.exit_code == 0);
  CHECK(result.out == std::string(10 << 20, 'o'));
  CHECK(result.err == std::string(10 << 20, 'e'));
}

TEST_CASE("contract: a timeout kills the command and its children", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  TempDir dir;
  Command command = Shell("echo started; sleep 300 & echo $! > " + dir / "child" +
                          "; echo $$ > " + dir / "self" + "; wait");
  command.timeout = std::chrono::milliseconds(700);
  auto start = Clock::now();
  CommandResult result = transport->Run(command);
  auto elapsed = Clock::now() - start;
  CHECK(result.exit_code == 124);
  CHECK(result.out == "started\n");
  CHECK(elapsed < std::chrono::seconds(5));
  for (const char* name : {"child", "self"}) {
    pid_t pid = std::stoi(ReadText(dir / name));
    bool gone = false;
    for (int i = 0; i < 50 && !gone; ++i) {
      gone = !Running(pid);
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(gone);
  }
  CommandResult after = transport->Run(Argv({"echo", "alive"}));
  CHECK(after.out == "alive\n");
}

TEST_CASE("contract: files are written, read, stat'ed and removed", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  TempDir dir;
  std::string path = dir / "it's a file.conf";

  CHECK_FALSE(transport->ReadFile(path).has_value());
  CHECK_FALSE(transport->Stat(path).has_value());
  transport->Remove(path);  // missing is fine

  WriteOptions options;
  options.mode = 0640;
  options.owner = "nobody";
  options.group = "nogroup";
  transport->WriteFile(path, "memory = 256M\n", options);
  CHECK(transport->ReadFile(path) == std::string("memory = 256M\n"));
  CHECK(ReadText(path) == "memory = 256M\n");
  std::optional<FileStat> stat = transport->Stat(path);
  REQUIRE(stat);
  CHECK(stat->mode == 0640);
  CHECK(stat->owner == "nobody");
  CHECK(stat->group == "nogroup");
  CHECK(stat->size == 14);
  CHECK_FALSE(stat->is_dir);

  transport->WriteFile(path, "", WriteOptions{});  // replaces; mode and owner from options
  stat = transport->Stat(path);
  REQUIRE(stat);
  CHECK(stat->mode == 0644);
  CHECK(stat->size == 0);
  CHECK(transport->ReadFile(path) == std::string());

  std::optional<FileStat> dir_stat = transport->Stat(dir.path.string());
  REQUIRE(dir_stat);
  CHECK(dir_stat->is_dir);

  transport->Remove(path);
  CHECK_FALSE(transport->ReadFile(path).has_value());
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), {}) == 0);  // no temp files
}

TEST_CASE("contract: binary and large files round-trip", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  TempDir dir;
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes += static_cast<char>(i);
  all_bytes += std::string("\0\0KILTER_\n", 10);
  transport->WriteFile(dir / "bin", all_bytes, WriteOptions{});
  CHECK(ReadText(dir / "bin") == all_bytes);
  CHECK(transport->ReadFile(dir / "bin") == all_bytes);

  std::string big = Bytes(10 << 20, 42);
  WriteLocal(dir / "big", big);
  CHECK(transport->ReadFile(dir / "big") == big);
  transport->WriteFile(dir / "big2", big, WriteOptions{});
  CHECK(ReadText(dir / "big2") == big);
  CHECK(transport->Stat(dir / "big2")->size == big.size());
}

TEST_CASE("contract: a concurrent reader never sees a partial write", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  TempDir dir;
  std::string path = dir / "atomic";
  const std::string a(1 << 20, 'a'), b(1 << 20, 'b');
  transport->WriteFile(path, a, WriteOptions{});

  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, torn{0};
  std::thread reader([&] {
    while (!stop) {
      std::string seen = ReadText(path);
      if (seen != a && seen != b) ++torn;
      ++reads;
    }
  });
  for (int i = 0; i < 30; ++i) transport->WriteFile(path, i % 2 ? a : b, WriteOptions{});
  stop = true;
  reader.join();
  CHECK(torn == 0);
  CHECK(reads > 10);
}

TEST_CASE("contract: errors name the host and the path", "[contract]") {
  std::string kind = GENERATE("local", "ssh");
  auto transport = MakeTransport(kind);
  CAPTURE(kind);
  TempDir dir;
  std::string missing_dir = dir / "no/such/dir/file";
  std::string message = TransportErrorOf([&] { transport->WriteFile(missing_dir, "x", {}); });
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": cannot write " + missing_dir));

  message = TransportErrorOf([&] { transport->ReadFile(dir.path.string()); });
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": cannot read"));
  CHECK_THAT(message, Catch::Contains(dir.path.string()));

  WriteOptions nobody;
  nobody.owner = "kilter-no-such-user";
  message = TransportErrorOf([&] { transport->WriteFile(dir / "f", "x", nobody); });
  CHECK_THAT(message, Catch::StartsWith(std::string(kHostName) + ": cannot write"));
  CHECK_THAT(message, Catch::Contains("kilter-no-such-user"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), {}) == 0);
}

}  // namespace
}  // namespace kilter::testing
