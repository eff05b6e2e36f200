#include "reconciler/transport/local_transport.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

namespace kilter::reconciler {
namespace {

Command Argv(std::vector<std::string> argv) {
  Command command;
  command.argv = std::move(argv);
  return command;
}

/// A fresh directory under the system temp dir, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kilter-local-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST_CASE("Connect picks the transport the inventory names", "[transport]") {
  catalog::Host host;
  host.name = "here";
  host.transport = "local";
  auto transport = Connect(host, {});
  CHECK(transport->host() == "here");
  CHECK(transport->Run(Argv({"true"})).exit_code == 0);

  host.transport = "telnet";
  CHECK_THROWS_WITH(Connect(host, {}), Catch::Contains("here: unknown transport \"telnet\""));
}

TEST_CASE("LocalTransport reports a program it cannot start as exit 127", "[transport]") {
  LocalTransport local("here");
  CommandResult result = local.Run(Argv({"kilter-no-such-program"}));
  CHECK(result.exit_code == 127);
  CHECK_THAT(result.err, Catch::Contains("kilter-no-such-program"));
}

TEST_CASE("LocalTransport errors name the host and the path", "[transport]") {
  TempDir dir;
  LocalTransport local("here");
  std::string path = (dir.path / "no-dir" / "file").string();
  CHECK_THROWS_WITH(local.WriteFile(path, "x", {}),
                    Catch::StartsWith("here: cannot write " + path));
  WriteOptions options;
  options.owner = "kilter-nobody-x";
  CHECK_THROWS_WITH(local.WriteFile((dir.path / "f").string(), "x", options),
                    Catch::Contains("no user named kilter-nobody-x"));
}

}  // namespace
}  // namespace kilter::reconciler
