#include <fnmatch.h>

#include <functional>
#include <set>
#include <sstream>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/include_lines.h"
#include "support/fake_transport.h"

namespace kilter::testing {

using reconciler::Command;
using reconciler::CommandResult;

namespace {

/// The fake's answers in the batch's own record format (kit/batch_read.cc),
/// so the real parser reads them.
class Server {
 public:
  Server(FakeTransport& fake, std::string nonce) : fake_(fake), nonce_(std::move(nonce)) {}

  void Emit(const std::string& path) {
    if (!seen_.insert(path).second) return;
    auto it = fake_.files().find(path);
    if (it == fake_.files().end()) {
      out_ += (IsDir(path) ? "O " : "M ") + path + "\n";
      return;
    }
    reconciler::FileStat st{0644, "root", "root", 0, false};
    if (auto s = fake_.stats().find(path); s != fake_.stats().end()) st = s->second;
    std::ostringstream mode;
    mode << std::oct << st.mode;
    out_ += "F " + mode.str() + " " + (st.owner.empty() ? "root" : st.owner) + " " +
            (st.group.empty() ? "root" : st.group) + " " + std::to_string(fake_.mtimes()[path]) +
            " " + std::to_string(it->second.size()) + " " + path + "\n" + it->second + "\n" +
            nonce_ + "\n";
  }

  void Manifest(const std::string& list) {
    Emit(list);
    auto it = fake_.files().find(list);
    if (it == fake_.files().end()) return;
    std::istringstream entries(it->second);
    for (std::string entry; std::getline(entries, entry);) {
      if (!entry.empty() && entry[0] == '/') Emit(entry.substr(0, entry.find('\t')));
    }
  }

  void Glob(const std::string& line) {
    std::istringstream words(line);
    std::string index, contents;
    words >> index >> contents;
    std::string rest = line.substr(index.size() + contents.size() + 2);
    std::string dir = rest.substr(0, rest.find('\t'));
    std::string pattern = rest.substr(rest.find('\t') + 1);
    std::vector<std::string> matches;
    for (const auto& [path, content] : fake_.files()) {
      if (path.rfind(dir + "/", 0) != 0 || path.find('/', dir.size() + 1) != std::string::npos) {
        continue;
      }
      if (::fnmatch(pattern.c_str(), path.substr(dir.size() + 1).c_str(), 0) == 0) {
        matches.push_back(path);
      }
    }
    for (const std::string& path : matches) {
      out_ += "G " + index + " " + path + "\n";
      if (contents == "1") Emit(path);
    }
  }

  /// As the script's tree(): the file, then what its include lines name,
  /// globs matched against the fake's files.
  void Tree(const std::string& index, const std::string& directive, int depth,
            const std::string& path) {
    out_ += "T " + index + " " + path + "\n";
    Emit(path);
    auto it = fake_.files().find(path);
    if (depth >= reconciler::kit::kMaxIncludeDepth || it == fake_.files().end()) return;
    for (const std::string& pattern : reconciler::kit::IncludedPatterns(it->second, directive)) {
      std::vector<std::string> matches;
      for (const auto& [file, content] : fake_.files()) {
        if (::fnmatch(pattern.c_str(), file.c_str(), FNM_PATHNAME) == 0) matches.push_back(file);
      }
      if (matches.empty()) matches.push_back(pattern);
      for (const std::string& match : matches) Tree(index, directive, depth + 1, match);
    }
  }

  void Run(const std::string& line, const std::function<CommandResult(const Command&)>& answer) {
    std::istringstream words(line);
    std::string index, background, shell, input;
    words >> index >> background >> shell >> input;
    Command command;
    command.shell = reconciler::kit::BatchWordText(shell);
    command.stdin_data = reconciler::kit::BatchWordText(input);
    CommandResult r = answer(command);
    commands_ += "C " + index + " " + std::to_string(r.exit_code) + " " +
                 std::to_string(r.out.size()) + " " + std::to_string(r.err.size()) + "\n" + r.out +
                 r.err + "\n" + nonce_ + "\n";
  }

  std::string Output() const { return out_ + commands_; }

 private:
  bool IsDir(const std::string& path) {
    auto st = fake_.stats().find(path);
    if (st != fake_.stats().end()) return st->second.is_dir;
    std::string prefix = path == "/" ? "/" : path + "/";
    for (const auto& [p, content] : fake_.files()) {
      if (p.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

  FakeTransport& fake_;
  std::string nonce_;
  std::set<std::string> seen_;
  std::string out_;
  std::string commands_;
};

}  // namespace

CommandResult FakeTransport::ServeBatch(const Command& batch) {
  std::istringstream in(batch.stdin_data);
  std::string nonce, line;
  std::getline(in, nonce);
  Server server(*this, nonce);
  while (std::getline(in, line)) {
    std::string rest = line.substr(2);
    if (line[0] == 'F' || line[0] == 'L') log_.push_back("batch " + line);
    if (line[0] == 'G')
      log_.push_back("batch G " + rest.substr(rest.find(' ', rest.find(' ') + 1) + 1));
    switch (line[0]) {
      case 'F':
        server.Emit(rest);
        break;
      case 'L':
        server.Manifest(rest);
        break;
      case 'G':
        server.Glob(rest);
        break;
      case 'T': {
        std::istringstream words(rest);
        std::string index, directive;
        words >> index >> directive;
        std::string root = rest.substr(index.size() + directive.size() + 2);
        log_.push_back("batch T " + root);
        server.Tree(index, directive, 0, root);
        break;
      }
      case 'C':
        server.Run(rest, [this](const Command& c) {
          log_.push_back("batch " + c.Display());
          return Answer(c, c.Display());
        });
        break;
    }
  }
  return {0, server.Output(), ""};
}

}  // namespace kilter::testing
