#include "reconciler/transport/shell_protocol.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "reconciler/transport/subprocess.h"

namespace kilter::reconciler::shell_protocol {
namespace {

/// Runs the requests through one local /bin/sh, the way the SSH transport
/// feeds the remote one, and splits the two streams into one response each.
std::vector<CommandResult> Converse(const std::vector<std::string>& bodies) {
  std::string boot = NewToken();
  std::string script = Bootstrap(boot);
  std::vector<std::string> tokens = {boot};
  for (const std::string& body : bodies) {
    tokens.push_back(NewToken());
    script += Frame(body, tokens.back());
  }
  CommandResult raw = RunProcess({"/bin/sh"}, script, std::chrono::seconds(20));
  REQUIRE(raw.exit_code == 0);

  std::vector<CommandResult> responses;
  std::string_view out = raw.out, err = raw.err;
  for (const std::string& token : tokens) {
    ResponseReader reader(token);
    reader.AddOut(out);
    reader.AddErr(err);
    REQUIRE(reader.done());
    size_t out_end = out.find('\n', out.find("\n" + token + " ") + 1);
    out.remove_prefix(out_end + 1);
    err.remove_prefix(err.find("\n" + token + "\n") + token.size() + 2);
    responses.push_back(reader.Take());
  }
  CHECK(out.empty());
  CHECK(err.empty());
  REQUIRE_THAT(responses[0].out, Catch::Matches("pid [0-9]+"));
  responses.erase(responses.begin());
  return responses;
}

Command Argv(std::vector<std::string> argv, std::string stdin_data = "") {
  Command command;
  command.argv = std::move(argv);
  command.stdin_data = std::move(stdin_data);
  return command;
}

Command Shell(std::string text) {
  Command command;
  command.shell = std::move(text);
  return command;
}

TEST_CASE("protocol: tokens are fresh and shell-safe", "[transport]") {
  std::string a = NewToken(), b = NewToken();
  CHECK(a != b);
  CHECK(a.size() == 39);
  CHECK(a.find_first_not_of("KILTER_0123456789abcdef") == std::string::npos);
}

TEST_CASE("protocol: the reader finds trailers delivered byte by byte", "[transport]") {
  ResponseReader reader("KILTER_T");
  std::string out = "no newline at end\nKILTER_X 9\n\nKILTER_T 42\n";
  std::string err = "warning\n\nKILTER_T\n";
  for (char c : out) reader.AddOut(std::string_view(&c, 1));
  CHECK_FALSE(reader.done());
  for (char c : err) reader.AddErr(std::string_view(&c, 1));
  REQUIRE(reader.done());
  CommandResult result = reader.Take();
  CHECK(result.exit_code == 42);
  CHECK(result.out == "no newline at end\nKILTER_X 9\n");
  CHECK(result.err == "warning\n");
}

TEST_CASE("protocol: a trailer without its exit code yet is not the end", "[transport]") {
  ResponseReader reader("KILTER_T");
  reader.AddErr("\nKILTER_T\n");
  reader.AddOut("x\nKILTER_T 1");
  CHECK_FALSE(reader.done());
  reader.AddOut("27\n");
  REQUIRE(reader.done());
  CHECK(reader.Take().exit_code == 127);
}

TEST_CASE("protocol: argv reaches the program exactly", "[transport]") {
  std::vector<std::string> words = {"a b", "'q'", "$HOME", "*", "line\nbreak", "", "-n", "\\"};
  std::vector<std::string> argv = {"printf", "[%s]"};
  argv.insert(argv.end(), words.begin(), words.end());
  auto responses = Converse({RunBody(Argv(argv), "unused")});
  CHECK(responses[0].out == "[a b]['q'][$HOME][*][line\nbreak][][-n][\\]");
  CHECK(responses[0].exit_code == 0);
}

TEST_CASE("protocol: argv never runs a builtin, so the shell survives `exit`", "[transport]") {
  auto responses = Converse({RunBody(Argv({"exit", "3"}), "t"), RunBody(Argv({"true"}), "t")});
  CHECK(responses[0].exit_code == 127);
  CHECK(responses[1].exit_code == 0);
}

TEST_CASE("protocol: shell text runs in a shell of its own", "[transport]") {
  auto responses = Converse({RunBody(Shell("echo out; echo err >&2; exit 7"), "t"),
                             RunBody(Shell("if then"), "t"), RunBody(Shell("cd /; pwd"), "t"),
                             RunBody(Shell("read x; echo \"[$x]\""), "t"),
                             RunBody(Shell("kill -TERM $$"), "t")});
  CHECK(responses[0].out == "out\n");
  CHECK(responses[0].err == "err\n");
  CHECK(responses[0].exit_code == 7);
  CHECK(responses[1].exit_code == 2);
  CHECK_THAT(responses[1].err, Catch::Contains("Syntax error"));
  CHECK(responses[2].out == "/\n");
  CHECK(responses[3].out == "[]\n");  // stdin is /dev/null, never the protocol stream
  CHECK(responses[4].exit_code == 128 + 15);  // $$ is that shell, not the protocol's
}

TEST_CASE("protocol: stdin is binary-safe", "[transport]") {
  std::string data("\0bin\xff\nKILTER_\n", 13);
  std::string token = NewToken();
  CHECK(RunBody(Argv({"cat"}, data), token).find(token) != std::string::npos);
  auto responses = Converse({RunBody(Argv({"cat"}, data), token), RunBody(Shell("wc -c"), "t")});
  CHECK(responses[0].out == data);
  CHECK(responses[1].out == "0\n");
}

TEST_CASE("protocol: text stdin goes as it is, other stdin through base64 -d", "[transport]") {
  std::string token = NewToken();
  std::string text = "a  b\t$HOME `id` \\n '\"\n\n" + token + "x\nKILTER_\n";
  std::string unterminated = "no newline at the end";
  std::string token_line = "before\n" + token + "\nafter\n";
  CHECK(RunBody(Argv({"cat"}, text), token).find("base64") == std::string::npos);
  CHECK(RunBody(Argv({"cat"}, unterminated), token).find("base64 -d") != std::string::npos);
  CHECK(RunBody(Argv({"cat"}, token_line), token).find("base64 -d") != std::string::npos);
  auto responses = Converse({RunBody(Argv({"cat"}, text), token),
                             RunBody(Argv({"cat"}, unterminated), token),
                             RunBody(Argv({"cat"}, token_line), token),
                             RunBody(Shell("cat; wc -c"), token)});
  CHECK(responses[0].out == text);
  CHECK(responses[1].out == unterminated);
  CHECK(responses[2].out == token_line);
  CHECK(responses[3].out == "0\n");  // the next command's stdin is /dev/null again
}

TEST_CASE("protocol: files are written, read, stat'ed and removed", "[transport]") {
  std::string pattern = (std::filesystem::temp_directory_path() / "kilter-proto-XXXXXX").string();
  std::filesystem::path dir = ::mkdtemp(pattern.data());
  std::string path = (dir / "it's a file").string();
  std::string content("a\0b\n", 4);
  WriteOptions options;
  options.mode = 0640;
  std::string token = NewToken();
  auto responses =
      Converse({WriteFileBody(path, content, options, token, "0123abcd"), ReadFileBody(path),
                StatBody(path), StatBody(dir.string()), RemoveBody(path), ReadFileBody(path),
                StatBody(path), RemoveBody(path)});
  CHECK(responses[0].exit_code == 0);
  CHECK(responses[0].err.empty());
  CHECK(responses[1].out == content);
  std::optional<FileStat> stat = ParseStat(responses[2].out);
  REQUIRE(stat);
  CHECK(stat->mode == 0640);
  CHECK(stat->size == 4);
  CHECK_FALSE(stat->is_dir);
  CHECK_FALSE(stat->owner.empty());
  CHECK(ParseStat(responses[3].out)->is_dir);
  CHECK(responses[4].exit_code == 0);
  CHECK(responses[5].exit_code == kMissing);
  CHECK(responses[6].exit_code == kMissing);
  CHECK(responses[7].exit_code == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("protocol: a failed write leaves no temp file behind", "[transport]") {
  std::string pattern = (std::filesystem::temp_directory_path() / "kilter-proto-XXXXXX").string();
  std::filesystem::path dir = ::mkdtemp(pattern.data());
  std::filesystem::create_directory(dir / "target");  // a directory where the file should go
  WriteOptions options;
  options.owner = "kilter-no-such-user";
  auto responses = Converse({WriteFileBody((dir / "f").string(), "x", options, NewToken(), "1"),
                             WriteFileBody((dir / "target").string(), "x", {}, NewToken(), "2")});
  CHECK(responses[0].exit_code != 0);
  CHECK_THAT(responses[0].err, Catch::Contains("kilter-no-such-user"));
  CHECK(responses[1].exit_code != 0);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("protocol: stat output parses, and garbage does not", "[transport]") {
  auto stat = ParseStat("4755 0 1234 99 root UNKNOWN regular empty file\n");
  REQUIRE(stat);
  CHECK(stat->mode == 04755);
  CHECK(stat->owner == "root");
  CHECK(stat->group == "1234");
  CHECK(stat->size == 99);
  CHECK_FALSE(ParseStat("644 0 0 x root root regular file").has_value());
  CHECK_FALSE(ParseStat("stat: cannot stat").has_value());
}

}  // namespace
}  // namespace kilter::reconciler::shell_protocol
