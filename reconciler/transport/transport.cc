#include "reconciler/transport/transport.h"

#include <fmt/format.h>

namespace kilter::reconciler {

TransportError::TransportError(const std::string& host, const std::string& message)
    : std::runtime_error(fmt::format("{}: {}", host, message)), host_(host) {}

std::string ShellQuote(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./=:,+@%") == std::string::npos) {
    return word;
  }
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

std::string Command::Display() const {
  if (!shell.empty()) return shell;
  std::string line;
  for (const std::string& word : argv) {
    if (!line.empty()) line += ' ';
    line += ShellQuote(word);
  }
  return line;
}

}  // namespace kilter::reconciler
