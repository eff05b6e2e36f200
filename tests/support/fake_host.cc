#include "support/fake_host.h"

#include <sstream>

namespace kilter::testing {

using reconciler::Command;
using reconciler::CommandResult;

namespace {

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
  fake.On("command -v", CommandResult{0, "", ""});  // every handler can run
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
  if (display.find("command -v") != std::string::npos) return "check-handlers";
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
