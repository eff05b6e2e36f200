#include "reconciler/providers/kit/batch_read.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/fake_transport.h"

namespace kilter::reconciler::kit {

namespace {

std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

/// Runs the real script with /bin/sh, as a transport would on a host.
class ShellTransport : public testing::FakeTransport {
 public:
  explicit ShellTransport(std::filesystem::path dir) : dir_(std::move(dir)) {}
  CommandResult Run(const reconciler::Command& command) override {
    ++runs_;
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
  int runs() const { return runs_; }

 private:
  std::filesystem::path dir_;
  int runs_ = 0;
};

/// A scratch directory removed at the end of the test.
struct Scratch {
  std::filesystem::path dir;
  explicit Scratch(const std::string& name)
      : dir(std::filesystem::temp_directory_path() /
            ("kilter-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir);
  }
  ~Scratch() { std::filesystem::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

/// A host whose batch output is `records` (NONCE replaced by the batch's
/// nonce).
class CannedTransport : public testing::FakeTransport {
 public:
  CannedTransport() : FakeTransport("web1") {}
  void Answer(std::string records, int exit_code = 0, std::string err = "") {
    records_ = std::move(records);
    exit_code_ = exit_code;
    err_ = std::move(err);
  }
  CommandResult Run(const reconciler::Command& command) override {
    ++runs_;
    std::string nonce = FirstLine(command.stdin_data);
    std::string out = records_;
    for (size_t at = out.find("NONCE"); at != std::string::npos; at = out.find("NONCE")) {
      out.replace(at, 5, nonce);
    }
    return {exit_code_, out, err_};
  }
  int runs() const { return runs_; }

 private:
  std::string records_;
  int exit_code_ = 0;
  std::string err_;
  int runs_ = 0;
};

}  // namespace

TEST_CASE("A batch is one command: files, missing, unreadable, globs and commands",
          "[batch_read]") {
  CannedTransport fake;
  fake.Answer(
      "F 644 root adm 1700000000 6 /etc/a b\nhello\n\nNONCE\nM "
      "/etc/none\nO /etc\n"
      "E /etc/shadow\nG 0 /etc/x.conf\nC 0 3 2 4\nokerr!\nNONCE\n");
  ReadBatch batch;
  batch.AddFile("/etc/a b");
  batch.AddFile("/etc/none");
  batch.AddFile("/etc");
  batch.AddFile("/etc/shadow");
  batch.AddGlob("conf", "/etc", "*.conf");
  batch.AddCommand("probe", "echo ok; exit 3");
  BatchResult r = Read(fake, batch, "web1", "things");
  CHECK(fake.runs() == 1);
  CHECK(r.File("/etc/a b").regular);
  CHECK(r.File("/etc/a b").content == "hello\n");
  CHECK(r.File("/etc/a b").stat.mode == 0644);
  CHECK(r.File("/etc/a b").stat.group == "adm");
  CHECK(r.File("/etc/a b").mtime == 1700000000);
  CHECK_FALSE(r.File("/etc/none").exists);
  CHECK(r.File("/etc").exists);
  CHECK_FALSE(r.File("/etc").regular);
  CHECK(r.File("/etc/shadow").exists);
  CHECK(r.File("/etc/shadow").error == "cannot read /etc/shadow (permission denied or unreadable)");
  CHECK(r.Glob("conf") == std::vector<std::string>{"/etc/x.conf"});
  CHECK(r.Command("probe").exit_code == 3);
  CHECK(r.Command("probe").out == "ok");
  CHECK(r.Command("probe").err == "err!");
}

TEST_CASE("Truncated or misaligned batch output is an error naming who and what", "[batch_read]") {
  CannedTransport fake;
  ReadBatch files;
  files.AddFile("/x");
  SECTION("a file that changed size") {
    fake.Answer("F 644 root root 0 10 /x\nshort\nNONCE\n");
    CHECK_THROWS_WITH(Read(fake, files, "web1", "files"),
                      "web1: reading files: /x changed while it was being read; try again");
  }
  SECTION("output cut in the middle of a line") {
    fake.Answer("F 644 root");
    CHECK_THROWS_WITH(Read(fake, files, "web1", "files"),
                      Catch::Contains("web1: reading files: output ends in the middle"));
  }
  SECTION("a command whose record is missing") {
    ReadBatch commands = files;  // a file too: a batch, not one command run alone
    commands.AddCommand("a", "true");
    fake.Answer("");
    CHECK_THROWS_WITH(Read(fake, commands, "web1", "the health checks"),
                      "web1: reading the health checks: output ends after 0 of 1 commands");
  }
  SECTION("a command whose output is cut short") {
    ReadBatch commands = files;  // a file too: a batch, not one command run alone
    commands.AddCommand("a", "true");
    fake.Answer("C 0 0 10 0\nabc");
    CHECK_THROWS_WITH(Read(fake, commands, "web1", "x"),
                      "web1: reading x: the output of a command is cut short");
  }
  SECTION("a batch the host cannot run") {
    fake.Answer("", 1, "mktemp: no space");
    CHECK_THROWS_WITH(Read(fake, files, "db1", "indexes"),
                      "db1: reading indexes failed (exit 1): mktemp: no space");
  }
}

TEST_CASE("Reads refuse relative paths and newlines", "[batch_read]") {
  ReadBatch batch;
  CHECK_THROWS_AS(batch.AddFile("etc/x"), std::invalid_argument);
  CHECK_THROWS_AS(batch.AddFile("/etc/x\ny"), std::invalid_argument);
  CHECK_THROWS_AS(batch.AddGlob("k", "/etc", "a\nb"), std::invalid_argument);
  batch.AddCommand("k", "true");
  CHECK_THROWS_AS(batch.AddCommand("k", "false"), std::invalid_argument);
}

TEST_CASE(
    "The batch script reads real files, a manifest, globs and commands "
    "in one run",
    "[batch_read]") {
  Scratch dir("batch-read");
  std::ofstream(dir / "one") << "line 1\nline 2";
  std::ofstream(dir / "two") << "";
  std::ofstream(dir / "manifest") << "# header\n" << (dir / "listed") << "\tx\n";
  std::ofstream(dir / "listed") << "from the list\n";
  std::ofstream(dir / ".one.kilter-AbC123") << "half";
  std::ofstream(dir / "kilter-a.conf") << "a";
  std::ofstream(dir / "kilter-b.conf") << "bb";
  ShellTransport shell(dir.dir);
  ReadBatch batch;
  batch.AddFile(dir / "one");
  batch.AddFile(dir / "two");
  batch.AddFile(dir / "missing");
  batch.AddManifest(dir / "manifest");
  batch.AddGlob("leftovers", dir.dir.string(), ".one.kilter-*");
  batch.AddGlob("confs", dir.dir.string(), "kilter-*.conf", /*contents=*/true);
  batch.AddGlob("none", dir / "nodir", "*");
  batch.AddCommand("slow", "sleep 0.2; printf first; exit 4", "",
                   /*background=*/true);
  batch.AddCommand("stdin", "tr a-z A-Z; echo oops >&2", "php <?php\nline\n");
  batch.AddCommand("empty", "true");
  BatchResult r = Read(shell, batch, "local", "files");
  CHECK(shell.runs() == 1);
  CHECK(r.File(dir / "one").content == "line 1\nline 2");
  CHECK(r.File(dir / "one").mtime > 0);
  CHECK(r.File(dir / "two").regular);
  CHECK(r.File(dir / "two").content.empty());
  CHECK_FALSE(r.File(dir / "missing").exists);
  CHECK(r.File(dir / "manifest").content.rfind("# header\n", 0) == 0);
  CHECK(r.File(dir / "listed").content == "from the list\n");
  CHECK(r.Glob("leftovers") == std::vector<std::string>{dir / ".one.kilter-AbC123"});
  CHECK(r.File(dir / ".one.kilter-AbC123").content.empty());
  CHECK(r.Glob("confs") == std::vector<std::string>{dir / "kilter-a.conf", dir / "kilter-b.conf"});
  CHECK(r.File(dir / "kilter-b.conf").content == "bb");
  CHECK(r.Glob("none").empty());
  CHECK(r.Command("slow").exit_code == 4);
  CHECK(r.Command("slow").out == "first");
  CHECK(r.Command("stdin").ok());
  CHECK(r.Command("stdin").out == "PHP <?PHP\nLINE\n");
  CHECK(r.Command("stdin").err == "oops\n");
  CHECK(r.Command("empty").out.empty());
}

TEST_CASE("The batch script hands a command its text and stdin byte for byte",
          "[batch_read]") {
  Scratch dir("batch-text");
  ShellTransport shell(dir.dir);
  ReadBatch batch;
  const std::string tricky = "a  b\\c \\0101 %d %s \\n\n\ttab\r\n-\xc3\xa9 \\";
  batch.AddCommand("echo", "cat", tricky);
  batch.AddCommand("dash", "cat", "-");
  batch.AddCommand("script", "printf '%s|' \"$1\" 'x  y' \\\n 'z\\'");
  batch.AddCommand("no newline", "cat", "last line");
  BatchResult r = Read(shell, batch, "local", "text");
  CHECK(r.Command("echo").out == tricky);
  CHECK(r.Command("dash").out == "-");
  CHECK(r.Command("script").out == "|x  y|z\\|");
  CHECK(r.Command("no newline").out == "last line");
  // What a fake serving batches decodes is what the script ran.
  ReadBatch one;
  one.AddCommand("echo", "cat", tricky);
  std::string line = one.ToCommand("n").stdin_data;
  line = line.substr(line.find('\n') + 1);
  line.pop_back();
  CHECK(BatchWordText(line.substr(line.rfind(' ') + 1)) == tricky);
  CHECK(BatchWordText("-").empty());
  CHECK_THROWS_AS(one.AddCommand("nul", "cat", std::string("a\0b", 3)), std::invalid_argument);
}

TEST_CASE("A batch of one command and nothing else runs that command alone", "[batch_read]") {
  testing::FakeTransport fake("web1");
  std::string given;
  fake.On("php -d x", [&](const reconciler::Command& c) {
    given = c.stdin_data;
    return reconciler::CommandResult{3, "out", "err"};
  });
  ReadBatch batch;
  batch.AddCommand("php", "php -d x", "<?php echo 'a b';\n");
  BatchResult r = Read(fake, batch, "web1", "php");
  CHECK(fake.log() == std::vector<std::string>{"run php -d x"});
  CHECK(given == "<?php echo 'a b';\n");
  CHECK(r.Command("php").exit_code == 3);
  CHECK(r.Command("php").out == "out");
  CHECK(r.Command("php").err == "err");

  fake.ClearLog();
  batch.AddFile("/etc/php.ini");
  Read(fake, batch, "web1", "php");
  CHECK(fake.log().at(0) == "run " + BatchScript());
}

TEST_CASE("The batch script reports an unreadable file without failing the batch", "[batch_read]") {
  if (::geteuid() == 0) return;  // root reads every file
  Scratch dir("batch-unreadable");
  std::ofstream(dir / "secret") << "x";
  ::chmod((dir / "secret").c_str(), 0);
  ShellTransport shell(dir.dir);
  ReadBatch batch;
  batch.AddFile(dir / "secret");
  BatchResult r = Read(shell, batch, "local", "files");
  CHECK(r.File(dir / "secret").exists);
  CHECK_FALSE(r.File(dir / "secret").error.empty());
}

TEST_CASE("The batch script sends a path once, even when asked for and in a manifest",
          "[batch_read]") {
  Scratch dir("batch-once");
  std::string one = dir / "one";
  std::ofstream(one) << "content\n";
  std::ofstream(dir / "manifest") << "# header\n" << one << "\tx\n" << one << "\ty\n";
  ShellTransport shell(dir.dir);
  ReadBatch batch;
  batch.AddFile(one);
  batch.AddManifest(dir / "manifest");
  batch.AddFile(one);
  std::string out = shell.Run(batch.ToCommand("end")).out;
  size_t records = 0;
  for (size_t at = out.find("F 644 "); at != std::string::npos; at = out.find("F 644 ", at + 1)) {
    if (out.compare(out.find('\n', at) - one.size(), one.size(), one) == 0) ++records;
  }
  CHECK(records == 1);
}

TEST_CASE("The batch script reads the paths a manifest lists without a process of its own",
          "[batch_read]") {
  Scratch dir("batch-manifest");
  std::string a = dir / "a", b = dir / "b", c = dir / "c";
  std::ofstream(a) << "a\n";
  std::ofstream(b) << "b\n";
  std::ofstream(c) << "c\n";
  // A path alone on its line, a relative one, a comment, and a last line
  // without its newline.
  std::ofstream(dir / "manifest") << a << "\tx\tsha\n" << b << "\nrelative\tx\n# " << dir.dir.string()
                                  << "\n" << c << "\ty";
  ShellTransport shell(dir.dir);
  ReadBatch batch;
  batch.AddManifest(dir / "manifest");
  BatchResult r = Read(shell, batch, "local", "files");
  CHECK(r.File(a).content == "a\n");
  CHECK(r.File(b).content == "b\n");
  CHECK(r.File(c).content == "c\n");
  CHECK(r.files.size() == 4);
}

TEST_CASE("The fake transport serves a batch from its files and its rules", "[batch_read]") {
  testing::FakeTransport fake("web1");
  fake.files()["/etc/kilter/a.conf"] = "a\n";
  fake.On("nft -j list tables", CommandResult{0, "{}", ""});
  ReadBatch batch;
  batch.AddGlob("confs", "/etc/kilter", "*.conf", true);
  batch.AddCommand("tables", "nft -j list tables");
  BatchResult r = Read(fake, batch, "web1", "x");
  CHECK(r.File("/etc/kilter/a.conf").content == "a\n");
  CHECK(r.Command("tables").out == "{}");
  CHECK(fake.commands().size() == 1);
  CHECK(fake.log().back() == "batch nft -j list tables");
}

}  // namespace kilter::reconciler::kit
