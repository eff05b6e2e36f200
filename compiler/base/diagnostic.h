#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/base/source.h"

namespace kilter::compiler {

enum class Severity { kError, kWarning, kNote };

/// A secondary location shown with a diagnostic ("first declared here").
struct RelatedSpan {
  Span span;
  std::string message;
};

/// One finding of the compiler. `code` is stable (E0xxx errors, W0xxx warnings)
/// and documented in docs/errors/CODE.md; `kilter explain CODE` prints it.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;
  std::string message;
  Span span;
  std::string hint;  ///< "did you mean memory_consumption?"; empty when none helps
  std::vector<RelatedSpan> related;
};

/// `accept = { W0263 = "reason" }` beside a resource: the spec owner has
/// read that warning for this resource and keeps it on purpose.
struct Acceptance {
  std::string code;
  std::string reason;
  Span span;  ///< the reason as written
};

/// A warning that was raised and accepted: not counted as a warning, listed
/// in one line of the summary.
struct AcceptedWarning {
  Diagnostic warning;
  Acceptance acceptance;
};

/// Collects diagnostics of a whole compilation. Passes keep going after an
/// error; the sink stops storing past `limit` errors and counts the rest.
class Diagnostics {
 public:
  explicit Diagnostics(size_t limit = 100) : limit_(limit) {}

  void Add(Diagnostic d);
  void Error(std::string code, Span span, std::string message, std::string hint = {});
  void Warning(std::string code, Span span, std::string message, std::string hint = {});

  const std::vector<Diagnostic>& all() const { return all_; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  /// Errors that were counted but not stored because the limit was reached.
  size_t dropped() const { return dropped_; }

  /// Orders by file, line, column so output is stable whatever the pass order.
  void Sort();

  /// Moves every warning for which `match` returns an acceptance out of the
  /// warnings into accepted().
  template <typename Match>
  void Accept(Match match) {
    std::vector<Diagnostic> kept;
    for (Diagnostic& d : all_) {
      const Acceptance* a = d.severity == Severity::kWarning ? match(d) : nullptr;
      if (!a) {
        kept.push_back(std::move(d));
        continue;
      }
      --warnings_;
      accepted_.push_back({std::move(d), *a});
    }
    all_ = std::move(kept);
  }
  const std::vector<AcceptedWarning>& accepted() const { return accepted_; }

 private:
  size_t limit_;
  std::vector<Diagnostic> all_;
  std::vector<AcceptedWarning> accepted_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t dropped_ = 0;
};

}  // namespace kilter::compiler
