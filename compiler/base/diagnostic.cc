#include "compiler/base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace kilter::compiler {

void Diagnostics::Add(Diagnostic d) {
  if (d.severity == Severity::kError) {
    ++errors_;
    if (errors_ > limit_) {
      ++dropped_;
      return;
    }
  } else if (d.severity == Severity::kWarning) {
    ++warnings_;
  }
  all_.push_back(std::move(d));
}

void Diagnostics::Error(std::string code, Span span, std::string message, std::string hint) {
  Add({Severity::kError, std::move(code), std::move(message), span, std::move(hint), {}});
}

void Diagnostics::Warning(std::string code, Span span, std::string message, std::string hint) {
  Add({Severity::kWarning, std::move(code), std::move(message), span, std::move(hint), {}});
}

void Diagnostics::Sort() {
  auto key = [](const Diagnostic& d) {
    const std::string* path = d.span.file ? &d.span.file->path() : nullptr;
    return std::make_tuple(path ? *path : std::string(), d.span.begin);
  };
  std::stable_sort(all_.begin(), all_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace kilter::compiler
