#include "support/fake_host.h"

#include <fnmatch.h>

#include <sstream>

#include "reconciler/plan/batch_read.h"

namespace kilter::testing {

using reconciler::Command;
using reconciler::CommandResult;

namespace {

bool IsDir(FakeTransport& fake, const std::string& path) {
  auto st = fake.stats().find(path);
  if (st != fake.stats().end()) return st->second.is_dir;
  std::string prefix = path == "/" ? "/" : path + "/";
  for (const auto& [p, content] : fake.files()) {
    if (p.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

void Emit(FakeTransport& fake, const std::string& path, const std::string& nonce,
          std::string& out) {
  auto it = fake.files().find(path);
  if (it == fake.files().end()) {
    out += (IsDir(fake, path) ? "O " : "M ") + path + "\n";
    return;
  }
  reconciler::FileStat st{0644, "root", "root", 0, false};
  if (auto s = fake.stats().find(path); s != fake.stats().end()) st = s->second;
  std::ostringstream mode;
  mode << std::oct << st.mode;
  out += "F " + mode.str() + " " + (st.owner.empty() ? "root" : st.owner) + " " +
         (st.group.empty() ? "root" : st.group) + " " + std::to_string(it->second.size()) + " " +
         path + "\n" + it->second + "\n" + nonce + "\n";
}

CommandResult ReadFiles(FakeTransport& fake, const Command& c) {
  std::istringstream in(c.stdin_data);
  std::string nonce, line, out;
  std::getline(in, nonce);
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '*') {
      std::string dir = line.substr(1, line.find('\t') - 1);
      std::string pattern = line.substr(line.find('\t') + 1);
      for (const auto& [path, content] : fake.files()) {
        if (path.rfind(dir + "/", 0) != 0 || path.find('/', dir.size() + 1) != std::string::npos) {
          continue;
        }
        if (::fnmatch(pattern.c_str(), path.substr(dir.size() + 1).c_str(), FNM_PERIOD) == 0 ||
            ::fnmatch(pattern.c_str(), path.substr(dir.size() + 1).c_str(), 0) == 0) {
          out += "G " + path + "\n";
        }
      }
      continue;
    }
    if (line.empty() || line[0] != '@') {
      Emit(fake, line, nonce, out);
      continue;
    }
    std::string list = line.substr(1);
    Emit(fake, list, nonce, out);
    auto it = fake.files().find(list);
    if (it == fake.files().end()) continue;
    std::istringstream entries(it->second);
    for (std::string entry; std::getline(entries, entry);) {
      if (!entry.empty() && entry[0] == '/') Emit(fake, entry.substr(0, entry.find('\t')), nonce, out);
    }
  }
  return {0, out, ""};
}

/// The word after `before` in a script, unquoted.
std::string LockPath(const std::string& script, const std::string& before) {
  size_t at = script.find(before);
  size_t start = at + before.size();
  size_t end = script.find_first_of(" \n", start);
  std::string dir = script.substr(start, end - start);
  if (dir.size() > 1 && dir.front() == '\'') dir = dir.substr(1, dir.size() - 2);
  return dir;
}

}  // namespace

void ServeEngineScripts(FakeTransport& fake) {
  fake.On("emit()", [&fake](const Command& c) { return ReadFiles(fake, c); });
  fake.On("set -C", [&fake](const Command& c) {
    std::string lock = LockPath(c.shell, "mkdir -p ") + "/lock";
    auto it = fake.files().find(lock);
    if (it == fake.files().end()) {
      fake.files()[lock] = c.stdin_data;
      return CommandResult{0, "acquired\n", ""};
    }
    // The fake's clock: a lock is as old as its "age" stat says (size field).
    uint64_t age = fake.stats().count(lock) ? fake.stats()[lock].size : 0;
    return CommandResult{0, "held\n" + it->second + "\n1000\n" + std::to_string(1000 + age) + "\n",
                         ""};
  });
  fake.On("touch ", CommandResult{0, "", ""});
  fake.On("grep -q", [&fake](const Command& c) {
    auto it = fake.files().find(LockPath(c.shell, "' "));
    size_t q = c.shell.find("\"run_id\":\"");
    std::string run = c.shell.substr(q, c.shell.find('\'', q) - q);
    if (it != fake.files().end() && it->second.find(run) != std::string::npos) {
      fake.files().erase(it);
    }
    return CommandResult{0, "", ""};
  });
  // Registered last: the take-over script also runs grep.
  fake.On("lock.stale", [&fake](const Command& c) {
    std::string dir = LockPath(c.shell, "t=");
    dir = dir.substr(0, dir.rfind("/lock.stale"));
    fake.files().erase(dir + "/lock");
    fake.stats().erase(dir + "/lock");
    return CommandResult{0, "", ""};
  });
}

std::string CommandLabel(const std::string& display) {
  if (display.find("emit()") != std::string::npos) return "read-files";
  if (display.find("set -C") != std::string::npos) return "lock";
  if (display.find("lock.stale") != std::string::npos) return "take-over";
  if (display.rfind("touch ", 0) == 0) return "heartbeat";
  if (display.find("grep -q") != std::string::npos) return "unlock";
  return display;
}

namespace {

class Borrowed : public reconciler::Transport {
 public:
  explicit Borrowed(FakeTransport& fake) : fake_(fake) {}
  const std::string& host() const override { return fake_.host(); }
  CommandResult Run(const Command& c) override { return fake_.Run(c); }
  std::optional<std::string> ReadFile(const std::string& p) override { return fake_.ReadFile(p); }
  void WriteFile(const std::string& p, const std::string& c,
                 const reconciler::WriteOptions& o) override {
    fake_.WriteFile(p, c, o);
  }
  std::optional<reconciler::FileStat> Stat(const std::string& p) override { return fake_.Stat(p); }
  void Remove(const std::string& p) override { fake_.Remove(p); }

 private:
  FakeTransport& fake_;
};

}  // namespace

std::unique_ptr<reconciler::Transport> Borrow(FakeTransport& fake) {
  return std::make_unique<Borrowed>(fake);
}

std::vector<std::string> CommandLabels(const FakeTransport& fake) {
  std::vector<std::string> labels;
  for (const std::string& c : fake.commands()) labels.push_back(CommandLabel(c));
  return labels;
}

}  // namespace kilter::testing
