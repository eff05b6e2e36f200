#include "compiler/syntax/recovery.h"

#include <string_view>

namespace kilter::compiler::syntax {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

const char* SkipBlanks(const char* p, const char* end) {
  while (p != end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  return p;
}

/// Skips a string literal starting at the quote at `p`; stops at the end of
/// the line when it is unterminated.
const char* SkipString(const char* p, const char* end) {
  ++p;
  while (p != end && *p != '"' && *p != '\n') {
    if (*p == '\\' && p + 1 != end && p[1] != '\n') ++p;
    ++p;
  }
  return p != end && *p == '"' ? p + 1 : p;
}

}  // namespace

bool StartsStatement(const char* p, const char* end) {
  const char* q = p;
  while (q != end && IsWordChar(*q)) ++q;
  std::string_view word(p, static_cast<size_t>(q - p));
  if (word.empty() || (word[0] >= '0' && word[0] <= '9')) return false;
  static constexpr std::string_view kStarters[] = {"import", "param",  "let", "group", "for",
                                                   "if",     "module", "use", "schema",
                                                   "settings"};
  for (std::string_view k : kStarters) {
    if (word == k) return true;
  }
  while (q != end && *q == '.') {
    ++q;
    while (q != end && IsWordChar(*q)) ++q;
  }
  q = SkipBlanks(q, end);
  return q != end && *q == '"';
}

const char* SkipStatement(const char* start, const char* line_begin, const char* floor,
                          const char* end, bool nested) {
  const long indent = start - line_begin;
  int depth = 0;
  const char* p = start;
  while (p != end) {
    char c = *p;
    if (c == '#') {
      while (p != end && *p != '\n') ++p;
    } else if (c == '"') {
      p = SkipString(p, end);
    } else if (c == '{' || c == '[' || c == '(') {
      ++depth;
      ++p;
    } else if (c == '}' || c == ']' || c == ')') {
      if (c == '}' && depth == 0 && nested && p != start && p >= floor) return p;
      if (depth > 0) --depth;
      ++p;
    } else if (c == '\n') {
      const char* line = p + 1;
      const char* q = SkipBlanks(line, end);
      if (q == end) return q;
      bool starts = StartsStatement(q, end);
      if (q >= floor) {
        if (depth == 0 && (starts || (nested && *q == '}'))) return q;
        if (starts && q - line <= indent) return q;
      }
      p = q;
    } else {
      ++p;
    }
  }
  return end;
}

const char* SkipField(const char* start, const char* floor, const char* end) {
  if (StartsStatement(start, end)) return nullptr;
  int depth = 0;
  const char* p = start;
  while (p != end) {
    char c = *p;
    if (c == '#') {
      while (p != end && *p != '\n') ++p;
    } else if (c == '"') {
      p = SkipString(p, end);
    } else if (c == '{' || c == '[' || c == '(') {
      ++depth;
      ++p;
    } else if (c == '}' || c == ']' || c == ')') {
      if (c == '}' && depth == 0 && p >= floor) return p;
      if (depth > 0) --depth;
      ++p;
    } else if (c == '\n') {
      const char* q = SkipBlanks(p + 1, end);
      if (q == end) return nullptr;
      if (q >= floor) {
        if (StartsStatement(q, end)) return nullptr;
        if (depth == 0 && (*q == '}' || IsWordChar(*q))) return q;
      }
      p = q;
    } else {
      ++p;
    }
  }
  return nullptr;
}

}  // namespace kilter::compiler::syntax
