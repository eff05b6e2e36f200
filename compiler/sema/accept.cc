#include <regex>

#include <fmt/format.h>

#include "compiler/sema/codes.h"
#include "compiler/sema/interpreter.h"

namespace kilter::compiler {

namespace {

using K = Value::Kind;

constexpr char kExample[] =
    "for example: accept = { W0263 = \"oc_order serves the admin reports; reviewed 2026-12\" }";

}  // namespace

void Interpreter::CollectAccept(const ast::Field& field, Scope& scope, Instance& inst) {
  std::optional<Value> v = ev_.Eval(*field.value, scope);
  if (!v) return;
  if (v->kind() != K::kObject) {
    rep_.Error(codes::kBadAccept, field.value->span,
               fmt::format("`accept` maps warning codes to reasons, got {}", Describe(*v)),
               kExample);
    return;
  }
  static const std::regex kWarningCode("W[0-9]{4}");
  for (const auto& [code, reason] : v->Fields()) {
    Span at = Within(reason.span(), field.value->span) ? reason.span() : field.value->span;
    if (!std::regex_match(code, kWarningCode)) {
      rep_.Error(codes::kBadAccept, at,
                 code.size() == 5 && code[0] == 'E'
                     ? fmt::format("{} is an error; only warnings can be accepted", code)
                     : fmt::format("`accept` takes warning codes such as W0263, not `{}`", code),
                 kExample);
      continue;
    }
    if (reason.kind() != K::kString || reason.AsString().empty()) {
      rep_.Error(codes::kBadAccept, at,
                 fmt::format("accepting {} needs a reason: a non-empty string saying why, got {}",
                             code, Describe(reason)),
                 kExample);
      continue;
    }
    inst.accept.push_back({code, reason.AsString(), at});
  }
}

}  // namespace kilter::compiler
