#include "compiler/lint/accept.h"

#include <set>
#include <tuple>

#include <fmt/format.h>

#include "compiler/sema/codes.h"
#include "compiler/sema/reporter.h"

namespace kilter::compiler {

namespace {

/// An acceptance's identity: one statement on several hosts gives several
/// resources that share it.
using Key = std::tuple<const SourceFile*, size_t, std::string>;

Key KeyOf(const Acceptance& a) { return {a.span.file, a.span.begin, a.code}; }

}  // namespace

void ApplyAcceptances(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  std::set<Key> used;
  diags.Accept([&](const Diagnostic& d) -> const Acceptance* {
    std::vector<Span> places = {d.span};
    for (const RelatedSpan& r : d.related) places.push_back(r.span);
    for (const EvaluatedResource& r : resources) {
      for (const Acceptance& a : r.accepted) {
        if (a.code != d.code) continue;
        for (const Span& place : places) {
          if (place.file && Within(place, r.span)) {
            used.insert(KeyOf(a));
            return &a;
          }
        }
      }
    }
    return nullptr;
  });
  std::set<Key> reported;
  for (const EvaluatedResource& r : resources) {
    for (const Acceptance& a : r.accepted) {
      if (used.count(KeyOf(a)) || !reported.insert(KeyOf(a)).second) continue;
      diags.Warning(codes::kUnusedAccept, a.span,
                    fmt::format("{} \"{}\" accepts {}, but no {} is raised for it", r.resource.type,
                                r.resource.name, a.code, a.code),
                    "remove the acceptance: what it accepted is gone");
    }
  }
}

}  // namespace kilter::compiler
