#include "reconciler/engine/handler_check.h"

#include <sstream>

#include <fmt/format.h>

#include "compiler/catalog/text.h"

namespace kilter::reconciler {

namespace {

std::vector<std::string> Words(const std::string& command) {
  std::istringstream in(command);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool IsAssignment(const std::string& word) {
  size_t eq = word.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  for (size_t i = 0; i < eq; ++i) {
    char c = word[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return !std::isdigit(static_cast<unsigned char>(word[0]));
}

/// A command that runs the next one, with the letters of its options that
/// take an argument as a separate word (`sudo -u www-data`, `nice -n 5`).
struct Wrapper {
  const char* name;
  const char* options_with_argument;
};
constexpr Wrapper kWrappers[] = {
    {"env", "uCS"}, {"sudo", "ugCDhprtU"}, {"doas", "uC"}, {"exec", "a"}, {"nice", "n"},
    {"nohup", ""},
};

const Wrapper* WrapperOf(const std::string& word) {
  for (const Wrapper& w : kWrappers) {
    if (word == w.name) return &w;
  }
  return nullptr;
}

bool IsPlainWord(const std::string& word) {
  for (char c : word) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '/' || c == '+' || c == '@')) {
      return false;
    }
  }
  return !word.empty();
}

/// Who defines a handler: its provider and the setting that holds its command.
struct Definition {
  std::string provider;
  std::string setting;
};

Definition DefinitionOf(const HostReading& reading, const std::string& id) {
  for (const ProviderReading& pr : reading.providers) {
    if (!pr.context) continue;
    for (const Handler& h : pr.provider->Handlers(*pr.context)) {
      if (h.id == id) return {pr.provider->name(), h.setting};
    }
  }
  return {};
}

/// What to set instead: `instead` is the kind of command that would work.
std::string WhatToSet(const std::string& host, const Definition& def, const std::string& instead) {
  if (def.provider.empty() || def.setting.empty()) {
    return fmt::format("Give the handler {} instead", instead);
  }
  return fmt::format("Set [hosts.{}.providers.\"{}\"] {} in kilter.toml to {}, or to \"\" where "
                     "nothing needs reloading",
                     host, def.provider, def.setting, instead);
}

}  // namespace

std::string ProgramOf(const std::string& command) {
  std::vector<std::string> words = Words(command);
  size_t i = 0;
  while (i < words.size()) {
    if (IsAssignment(words[i])) {
      ++i;
    } else if (const Wrapper* w = WrapperOf(words[i])) {
      ++i;
      while (i < words.size() && words[i].size() > 1 && words[i][0] == '-') {
        bool argument = words[i].size() == 2 &&
                        std::string_view(w->options_with_argument).find(words[i][1]) !=
                            std::string_view::npos;
        i += argument ? 2 : 1;
      }
    } else {
      break;
    }
  }
  if (i == words.size() || !IsPlainWord(words[i])) return "";
  return words[i];
}

bool UsesSystemctl(const std::string& command) {
  for (const std::string& w : Words(command)) {
    if (w == "systemctl" || w.ends_with("/systemctl")) return true;
  }
  return false;
}

std::vector<std::string> CheckHandlers(Transport& transport, const HostReading& reading,
                                       const HostPlan& plan) {
  std::string script;
  for (size_t i = 0; i < plan.handlers.size(); ++i) {
    const std::string& command = plan.handlers[i].command;
    std::string program = ProgramOf(command);
    if (!program.empty()) {
      script += fmt::format("command -v {} >/dev/null 2>&1 || echo 'missing {}'\n",
                            ShellQuote(program), i);
    }
    if (UsesSystemctl(command)) {
      script += fmt::format(
          "[ -d /run/systemd/system ] || echo \"nosystemd {} $(cat /proc/1/comm 2>/dev/null)\"\n",
          i);
    }
  }
  if (script.empty()) return {};
  Command probe;
  probe.shell = script;
  CommandResult result = transport.Run(probe);
  const std::string& host = plan.host;
  if (!result.ok()) {
    return {fmt::format("{}: cannot check that the handlers can run: {}", host, result.Said())};
  }
  std::vector<std::string> errors;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string what, init;
    size_t index = 0;
    if (!(words >> what >> index) || index >= plan.handlers.size()) continue;
    std::getline(words, init);
    const PlannedHandler& h = plan.handlers[index];
    Definition def = DefinitionOf(reading, h.id);
    if (what == "missing") {
      errors.push_back(fmt::format(
          "{}: handler {} cannot run: `{}` is not a command on {} (the handler runs `{}`).\n  "
          "{}. Nothing was changed.",
          host, h.id, ProgramOf(h.command), host, h.command,
          WhatToSet(host, def, "a command that exists there")));
    } else if (what == "nosystemd") {
      init = catalog::Trim(init);
      errors.push_back(fmt::format(
          "{}: handler {} cannot run: `{}` needs systemd, and systemd is not running on {} (PID 1 "
          "is {}).\n  {}. Nothing was changed.",
          host, h.id, h.command, host, init.empty() ? "unknown" : init,
          WhatToSet(host, def,
                    "a command that works without systemd (an init script, or a signal to the "
                    "service's master process)")));
    }
  }
  return errors;
}

}  // namespace kilter::reconciler
