#include "reconciler/transport/plain_words.h"

#include <algorithm>
#include <cstring>

namespace kilter::reconciler {

namespace {

/// The characters ShellQuote leaves bare.
bool Bare(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::strchr("-_./=:,+@%", c) != nullptr;
}

/// Keywords, and builtins that act on the shell itself or have no program.
bool ShellOwn(const std::string& word) {
  static const char* const kOwn[] = {
      "!",      "{",     "}",        "case",     "do",     "done",   "elif",  "else",
      "esac",   "fi",    "for",      "if",       "in",     "then",   "until", "while",
      ".",      ":",     "alias",    "bg",       "break",  "cd",     "command", "continue",
      "eval",   "exec",  "exit",     "export",   "fc",     "fg",     "getopts", "hash",
      "jobs",   "local", "read",     "readonly", "return", "set",    "shift", "source",
      "times",  "trap",  "type",     "ulimit",   "umask",  "unalias", "unset", "wait"};
  return std::find(std::begin(kOwn), std::end(kOwn), word) != std::end(kOwn);
}

}  // namespace

std::optional<std::vector<std::string>> PlainWords(const std::string& shell) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < shell.size()) {
    if (shell[i] == ' ') {
      ++i;
      continue;
    }
    std::string word;
    bool quoted = false;
    while (i < shell.size() && shell[i] != ' ') {
      char c = shell[i];
      if (c == '\'') {
        size_t end = shell.find('\'', i + 1);
        if (end == std::string::npos) return std::nullopt;
        word += shell.substr(i + 1, end - i - 1);
        quoted = true;
        i = end + 1;
      } else if (c == '\\' && i + 1 < shell.size() && shell[i + 1] == '\'') {
        word += '\'';
        quoted = true;
        i += 2;
      } else if (Bare(c)) {
        word += c;
        ++i;
      } else {
        return std::nullopt;
      }
    }
    if (words.empty() && (quoted || word.find('=') != std::string::npos || ShellOwn(word))) {
      return std::nullopt;
    }
    words.push_back(std::move(word));
  }
  if (words.empty()) return std::nullopt;
  return words;
}

}  // namespace kilter::reconciler
