#include "compiler/sema/reporter.h"

namespace kilter::compiler {

void Reporter::Error(const char* code, Span span, std::string message, std::string hint,
                     std::vector<RelatedSpan> related) {
  Add(Severity::kError, code, span, std::move(message), std::move(hint), std::move(related));
}

void Reporter::Warning(const char* code, Span span, std::string message, std::string hint,
                       std::vector<RelatedSpan> related) {
  Add(Severity::kWarning, code, span, std::move(message), std::move(hint), std::move(related));
}

void Reporter::Add(Severity severity, const char* code, Span span, std::string message,
                   std::string hint, std::vector<RelatedSpan> related) {
  if (!seen_.emplace(span.file, span.begin, span.end, code, message).second) return;
  diags_.Add({severity, code, std::move(message), span, std::move(hint), std::move(related)});
}

bool Within(const Span& inner, const Span& outer) {
  return inner.file && inner.file == outer.file && inner.begin >= outer.begin &&
         inner.end <= outer.end;
}

}  // namespace kilter::compiler
