#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/base/diagnostic.h"

namespace kilter::compiler {

/// The evaluator's way into Diagnostics. The same statement runs many times
/// (in a `for`, in every `use` of a module, on every host), so a finding that
/// is identical to one already reported (code, place, message) is dropped.
class Reporter {
 public:
  explicit Reporter(Diagnostics& diags) : diags_(diags) {}

  void Error(const char* code, Span span, std::string message, std::string hint = {},
             std::vector<RelatedSpan> related = {});
  void Warning(const char* code, Span span, std::string message, std::string hint = {},
               std::vector<RelatedSpan> related = {});

 private:
  void Add(Severity severity, const char* code, Span span, std::string message, std::string hint,
           std::vector<RelatedSpan> related);

  Diagnostics& diags_;
  std::set<std::tuple<const SourceFile*, uint32_t, uint32_t, std::string, std::string>> seen_;
};

/// True when `inner` lies within `outer` (same file): a value's own span can
/// be shown instead of the place it was used.
bool Within(const Span& inner, const Span& outer);

}  // namespace kilter::compiler
