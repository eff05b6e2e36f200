#include "reconciler/providers/kit/include_lines.h"

#include <cctype>
#include <stdexcept>

namespace kilter::reconciler::kit {

namespace {

bool Blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool SameWord(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> IncludedPatterns(const std::string& content,
                                          const std::string& directive) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    size_t i = start;
    while (i < end && Blank(content[i])) ++i;
    size_t word = i;
    while (i < end && !Blank(content[i])) ++i;
    if (i > word && i < end && SameWord(content.substr(word, i - word), directive)) {
      while (i < end && Blank(content[i])) ++i;
      size_t path = i;
      while (i < end && !Blank(content[i]) && content[i] != ';') ++i;
      if (i > path) out.push_back(content.substr(path, i - path));
    }
    start = end + 1;
  }
  return out;
}

void CheckDirective(const std::string& directive) {
  if (directive.empty()) throw std::invalid_argument("an include directive must not be empty");
  for (char c : directive) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
      throw std::invalid_argument("include directive \"" + directive +
                                  "\" is not a word of letters, digits, _ and -");
    }
  }
}

}  // namespace kilter::reconciler::kit
