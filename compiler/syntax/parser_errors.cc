#include "compiler/syntax/parser_errors.h"

#include <string_view>

#include "compiler/syntax/literals.h"
#include "compiler/syntax/recovery.h"

namespace kilter::compiler::syntax {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view WordAt(const char* p, const char* end) {
  const char* q = p;
  while (q != end && IsWordChar(*q)) ++q;
  return {p, static_cast<size_t>(q - p)};
}

bool IsUnit(std::string_view word) {
  for (const literals::Unit& u : literals::kSizeUnits) {
    if (u.suffix == word) return true;
  }
  for (const literals::Unit& u : literals::kDurationUnits) {
    if (u.suffix == word) return true;
  }
  return false;
}

/// `128 MiB`: a unit separated from its number by blanks.
bool IsDetachedUnit(const char* at, const ParseState& st) {
  if (!IsUnit(WordAt(at, st.text_end()))) return false;
  const char* p = at;
  while (p != st.text_begin() && (p[-1] == ' ' || p[-1] == '\t')) --p;
  return p != at && p != st.text_begin() && p[-1] >= '0' && p[-1] <= '9';
}

}  // namespace

std::string ContextHint(const ErrorInfo& info, const char* at, const ParseState& st) {
  const char* message = info.message;
  bool after_value = message == kError<g::field_sep>.message ||
                     message == kError<g::stmt_end>.message ||
                     message == kError<g::list_sep>.message ||
                     message == kError<g::args_sep>.message ||
                     message == kError<g::call_sep>.message;
  if (after_value && IsDetachedUnit(at, st)) {
    return "write the number and its unit together, without a space, e.g. 128MiB";
  }
  if (message == kError<g::field_eq>.message && !st.fields.empty()) {
    std::string_view name = st.fields.back().name;
    bool header = at != st.text_end() && (*at == '.' || *at == '"');
    if (header || StartsStatement(name.data(), name.data() + name.size())) {
      return "is a '}' missing to close the resource above?";
    }
  }
  return {};
}

}  // namespace kilter::compiler::syntax
