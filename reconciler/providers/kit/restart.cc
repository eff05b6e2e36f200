#include "reconciler/providers/kit/restart.h"

#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

/// The last `count` lines a command said, joined by "; ": a server's check
/// prints warnings before the error that failed it.
std::string LastLines(const std::string& text, size_t count) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    begin = end + 1;
  }
  std::string last;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    last += (last.empty() ? "" : "; ") + lines[i];
  }
  return last;
}

}  // namespace

void CheckConfig(Transport& transport, const ConfigCheck& check) {
  CommandResult r = transport.Run(check.command);
  if (r.ok()) return;
  std::string said = LastLines(r.err.empty() ? r.out : r.err, 3);
  throw std::runtime_error(fmt::format("the config check, {}, failed (exit {}){}{}", check.name,
                                       r.exit_code, said.empty() ? "" : ": ", said));
}

void RestartChecked(Transport& transport, const ServiceRestart& restart) {
  CheckConfig(transport, restart.check);
  Command command;
  command.shell = restart.restart;
  command.timeout = restart.timeout;
  CommandResult r = transport.Run(command);
  if (!r.ok()) {
    throw std::runtime_error(fmt::format("restarting {} with `{}` failed (exit {}): {}",
                                         restart.service, restart.restart, r.exit_code, r.Said()));
  }
  auto deadline = std::chrono::steady_clock::now() + restart.timeout;
  while (!restart.ready()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error(fmt::format("{} did not answer within {} s after `{}`",
                                           restart.service, restart.timeout.count(),
                                           restart.restart));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

Action RestartAction(const ServiceRestart& restart) {
  return {"restart", fmt::format("restart {}: `{}`, once the config check passes ({})",
                                 restart.service, restart.restart, restart.check.name),
          ""};
}

PlaneWords RestartWords(PlaneWords words, const catalog::Resource& r,
                        const ServiceRestart& restart) {
  if (r.fields.value("restart", std::string()) != "allowed") return words;
  words.restarts = true;
  words.on_apply = fmt::format(
      "apply restarts {} (restart = \"allowed\") once its config check passes", restart.service);
  return words;
}

}  // namespace kilter::reconciler::kit
