#include "reconciler/providers/kit/batch_read.h"
#include "support/fake_transport.h"

namespace kilter::testing {

using reconciler::Command;
using reconciler::CommandResult;

FakeTransport::FakeTransport(std::string host) : host_(std::move(host)) {}

void FakeTransport::On(const std::string &needle, CommandResult result) {
  rules_.push_back({needle, [result](const Command &) { return result; }});
}

void FakeTransport::On(const std::string &needle,
                       std::function<CommandResult(const Command &)> answer) {
  rules_.push_back({needle, std::move(answer)});
}

std::vector<std::string> FakeTransport::commands() const {
  std::vector<std::string> out;
  for (const std::string &line : log_) {
    if (line.rfind("run ", 0) == 0) out.push_back(line.substr(4));
  }
  return out;
}

CommandResult FakeTransport::Run(const Command &command) {
  std::string display = command.Display();
  log_.push_back("run " + display);
  if (command.shell == reconciler::kit::BatchScript()) return ServeBatch(command);
  return Answer(command, display);
}

CommandResult FakeTransport::Answer(const Command &command, const std::string &display) {
  for (auto it = rules_.rbegin(); it != rules_.rend(); ++it) {
    if (display.find(it->needle) != std::string::npos) return it->answer(command);
  }
  return {127, "", "fake transport: no answer scripted for: " + display};
}

std::optional<std::string> FakeTransport::ReadFile(const std::string &path) {
  log_.push_back("read " + path);
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

void FakeTransport::WriteFile(const std::string &path, const std::string &content,
                              const reconciler::WriteOptions &options) {
  log_.push_back("write " + path);
  files_[path] = content;
  stats_[path] = {options.mode, options.owner, options.group, content.size(), false};
}

std::optional<reconciler::FileStat> FakeTransport::Stat(const std::string &path) {
  log_.push_back("stat " + path);
  auto it = stats_.find(path);
  if (it != stats_.end()) return it->second;
  auto file = files_.find(path);
  if (file == files_.end()) return std::nullopt;
  return reconciler::FileStat{0644, "root", "root", file->second.size(), false};
}

void FakeTransport::Remove(const std::string &path) {
  log_.push_back("remove " + path);
  files_.erase(path);
  stats_.erase(path);
}

}  // namespace kilter::testing
