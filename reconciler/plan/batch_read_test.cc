#include "reconciler/plan/batch_read.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/fake_transport.h"

namespace kilter::reconciler {

namespace {

std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

/// Runs the real script with /bin/sh, as a transport would on a host.
class ShellTransport : public testing::FakeTransport {
 public:
  explicit ShellTransport(std::filesystem::path dir) : dir_(std::move(dir)) {}
  CommandResult Run(const Command& command) override {
    std::ofstream(dir_ / "script.sh") << command.shell;
    std::ofstream(dir_ / "stdin") << command.stdin_data;
    std::string line = "sh " + (dir_ / "script.sh").string() + " < " + (dir_ / "stdin").string() +
                       " > " + (dir_ / "stdout").string();
    int status = std::system(line.c_str());
    std::ifstream in(dir_ / "stdout", std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return {WEXITSTATUS(status), out.str(), ""};
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("ReadFiles parses framed records and checks the trailer", "[batch_read]") {
  testing::FakeTransport fake("web1");
  fake.On("emit()", [](const Command& c) {
    std::string nonce = FirstLine(c.stdin_data);
    return CommandResult{0,
                         "F 644 root adm 6 /etc/a b\nhello\n\n" + nonce + "\nM /etc/none\nO /etc\n",
                         ""};
  });
  auto files = ReadFiles(fake, {"/etc/a b", "/etc/none", "/etc"});
  REQUIRE(files.size() == 3);
  CHECK(files["/etc/a b"].regular);
  CHECK(files["/etc/a b"].content == "hello\n");
  CHECK(files["/etc/a b"].stat.mode == 0644);
  CHECK(files["/etc/a b"].stat.group == "adm");
  CHECK_FALSE(files["/etc/none"].exists);
  CHECK(files["/etc"].exists);
  CHECK_FALSE(files["/etc"].regular);
  CHECK(fake.commands().size() == 1);
}

TEST_CASE("ReadFiles refuses output whose framing does not line up", "[batch_read]") {
  testing::FakeTransport fake("web1");
  fake.On("emit()", CommandResult{0, "F 644 root root 10 /x\nshort\nkilter-end-0\n", ""});
  CHECK_THROWS_WITH(ReadFiles(fake, {"/x"}),
                    Catch::Contains("web1") && Catch::Contains("/x changed while"));
}

TEST_CASE("ReadFiles script reads real files, a manifest and the files it names",
          "[batch_read]") {
  auto dir = std::filesystem::temp_directory_path() / ("kilter-batch-read-" +
                                                       std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "one") << "line 1\nline 2";
  std::ofstream(dir / "two") << "";
  std::ofstream(dir / "manifest") << "# header\n" << (dir / "listed").string() << "\tx\n";
  std::ofstream(dir / "listed") << "from the list\n";
  std::ofstream(dir / ".one.kilter-AbC123") << "half";
  ShellTransport shell(dir);
  auto files = ReadFiles(shell, {(dir / "one").string(), (dir / "two").string(),
                                 (dir / "missing").string(), "@" + (dir / "manifest").string(),
                                 "*" + dir.string() + "\t.one.kilter-*",
                                 "*" + (dir / "nodir").string() + "\t*"});
  CHECK(files[(dir / ".one.kilter-AbC123").string()].matched);
  CHECK(files[(dir / ".one.kilter-AbC123").string()].content.empty());
  CHECK(files[(dir / "one").string()].content == "line 1\nline 2");
  CHECK(files[(dir / "two").string()].regular);
  CHECK(files[(dir / "two").string()].content.empty());
  CHECK_FALSE(files[(dir / "missing").string()].exists);
  CHECK(files[(dir / "manifest").string()].content.rfind("# header\n", 0) == 0);
  CHECK(files[(dir / "listed").string()].content == "from the list\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("ReadFiles sends a path once, even when it is asked for and in a manifest",
          "[batch_read]") {
  auto dir = std::filesystem::temp_directory_path() / ("kilter-batch-once-" +
                                                       std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string one = (dir / "one").string();
  std::ofstream(one) << "content\n";
  std::ofstream(dir / "manifest") << "# header\n" << one << "\tx\n" << one << "\ty\n";
  ShellTransport shell(dir);
  Command command;
  command.shell = ReadFilesScript();
  command.stdin_data = "end\n" + one + "\n@" + (dir / "manifest").string() + "\n" + one + "\n";
  std::string out = shell.Run(command).out;
  size_t records = 0;
  for (size_t at = out.find("F 644 "); at != std::string::npos; at = out.find("F 644 ", at + 1)) {
    if (out.compare(out.find('\n', at) - one.size(), one.size(), one) == 0) ++records;
  }
  CHECK(records == 1);
  CHECK(out.find("/manifest\n") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace kilter::reconciler
