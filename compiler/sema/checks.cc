#include "compiler/sema/checks.h"

#include <fmt/format.h>

#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

/// The resource's fields as names, for the checks of its schema.
class FieldScope : public Scope {
 public:
  FieldScope(Scope* parent, const FieldSet& fields, const std::vector<Value>& values)
      : Scope(parent), fields_(fields), values_(values) {}

 protected:
  bool Find(const std::string& name, Span, std::optional<Value>& out) override {
    auto it = fields_.index.find(name);
    if (it == fields_.index.end()) return false;
    out = values_[it->second];
    return true;
  }
  bool Defines(const std::string& name) const override { return fields_.index.count(name) > 0; }
  void AddOwnNames(std::vector<std::string>& out) const override {
    for (const SemField& f : fields_.fields) out.push_back(f.name);
  }

 private:
  const FieldSet& fields_;
  const std::vector<Value>& values_;
};

/// The first name in `e` (in source order) that the resource set itself.
const Span* FirstGivenField(const ast::Expr& e, const Instance& inst) {
  if (e.kind == ast::Expr::Kind::kIdent) {
    auto it = inst.field_spans.find(e.text);
    return it == inst.field_spans.end() ? nullptr : &it->second;
  }
  for (const ast::ExprPtr& operand : e.operands) {
    if (const Span* s = FirstGivenField(*operand, inst)) return s;
  }
  for (const ast::StringPart& part : e.parts) {
    if (part.expr) {
      if (const Span* s = FirstGivenField(*part.expr, inst)) return s;
    }
  }
  return nullptr;
}

}  // namespace

bool RunChecks(const Schema& schema, const Instance& inst, Scope& builtins, Evaluator& ev,
               Reporter& rep) {
  FieldScope scope(&builtins, *schema.fields, inst.values);
  bool ok = true;
  for (const ast::Check* check : schema.checks) {
    std::optional<bool> cond =
        ev.Condition(*check->cond, scope, check->is_warn ? "a `warn` condition" : "an `assert`");
    if (!cond || *cond != check->is_warn) continue;
    std::optional<Value> message = ev.Eval(*check->message, scope);
    std::string text;
    if (!message || !ToText(*message, text)) text = "the schema's check failed";
    const Span* field = FirstGivenField(*check->cond, inst);
    Span at = field ? *field : inst.header_span;
    std::vector<RelatedSpan> related = {
        {check->span, fmt::format("checked by the {} schema here", schema.type)}};
    if (check->is_warn) {
      rep.Warning(codes::kSchemaWarning, at, text, "", std::move(related));
    } else {
      rep.Error(codes::kAssertFailed, at, text, "", std::move(related));
      ok = false;
    }
  }
  return ok;
}

}  // namespace kilter::compiler
