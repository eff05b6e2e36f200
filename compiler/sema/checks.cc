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

/// True when `e` names a field whose value is a secret: such a check cannot
/// run before the secret is read, so it is left out (docs/secrets.md).
bool ReadsSecret(const ast::Expr& e, const FieldSet& fields, const std::vector<Value>& values) {
  if (e.kind == ast::Expr::Kind::kIdent) {
    auto it = fields.index.find(e.text);
    return it != fields.index.end() && values[it->second].kind() == Value::Kind::kSecret;
  }
  for (const ast::ExprPtr& operand : e.operands) {
    if (ReadsSecret(*operand, fields, values)) return true;
  }
  for (const ast::StringPart& part : e.parts) {
    if (part.expr && ReadsSecret(*part.expr, fields, values)) return true;
  }
  return false;
}

/// An exact, compact encoding of `v` for the memo key.
void AppendKey(const Value& v, std::string& key) {
  key += static_cast<char>(v.kind());
  auto append_number = [&](int64_t n) { key.append(reinterpret_cast<const char*>(&n), sizeof n); };
  switch (v.kind()) {
    case Value::Kind::kFloat: {
      double d = v.AsFloat();
      key.append(reinterpret_cast<const char*>(&d), sizeof d);
      break;
    }
    case Value::Kind::kString:
    case Value::Kind::kIp:
    case Value::Kind::kCidr:
      append_number(static_cast<int64_t>(v.AsString().size()));
      key += v.AsString();
      break;
    case Value::Kind::kRange:
    case Value::Kind::kList:
    case Value::Kind::kGroup:
    case Value::Kind::kSecret:
      append_number(static_cast<int64_t>(v.Items().size()));
      for (const Value& item : v.Items()) AppendKey(item, key);
      break;
    case Value::Kind::kObject:
      append_number(static_cast<int64_t>(v.Fields().size()));
      for (const auto& [name, item] : v.Fields()) {
        append_number(static_cast<int64_t>(name.size()));
        key += name;
        AppendKey(item, key);
      }
      break;
    default:
      append_number(v.AsInt());
      break;
  }
}

}  // namespace

std::vector<CheckRunner::Finding> CheckRunner::Evaluate(const Schema& schema,
                                                        const Instance& inst) {
  FieldScope scope(&builtins_, *schema.fields, inst.values);
  std::vector<Finding> found;
  for (const ast::Check* check : schema.checks) {
    if (check->kind == ast::Check::Kind::kMemory) continue;
    if (ReadsSecret(*check->cond, *schema.fields, inst.values)) continue;
    bool is_warn = check->kind == ast::Check::Kind::kWarn;
    std::optional<bool> cond =
        ev_.Condition(*check->cond, scope, is_warn ? "a `warn` condition" : "an `assert`");
    if (!cond || *cond != is_warn) continue;
    std::optional<Value> message = ev_.Eval(*check->message, scope);
    std::string text;
    if (!message || !ToText(*message, text)) text = "the schema's check failed";
    found.push_back({check, std::move(text)});
  }
  return found;
}

bool CheckRunner::Run(const Schema& schema, const Instance& inst) {
  if (schema.checks.empty()) return true;
  std::string key = (schema.settings ? "settings " : "schema ") + schema.type;
  for (const auto& [field, span] : inst.field_spans) {
    key += field;
    AppendKey(inst.values[schema.fields->index.at(field)], key);
  }
  auto it = memo_.find(key);
  if (it == memo_.end()) it = memo_.emplace(std::move(key), Evaluate(schema, inst)).first;
  bool ok = true;
  for (const Finding& f : it->second) {
    const Span* field = FirstGivenField(*f.check->cond, inst);
    Span at = field ? *field : inst.header_span;
    std::vector<RelatedSpan> related = {
        {f.check->span, fmt::format("checked by the {} {} here", schema.type,
                                    schema.settings ? "settings" : "schema")}};
    if (f.check->kind == ast::Check::Kind::kWarn) {
      rep_.Warning(codes::kSchemaWarning, at, f.text, "", std::move(related));
    } else {
      rep_.Error(codes::kAssertFailed, at, f.text, "", std::move(related));
      ok = false;
    }
  }
  return ok;
}

std::vector<MemoryUse> CheckRunner::Memory(const Schema& schema, const Instance& inst) {
  std::vector<MemoryUse> uses;
  FieldScope scope(&builtins_, *schema.fields, inst.values);
  for (const ast::Check* check : schema.checks) {
    if (check->kind != ast::Check::Kind::kMemory) continue;
    std::optional<Value> size = ev_.Eval(*check->cond, scope);
    std::optional<Value> what = ev_.Eval(*check->message, scope);
    std::string text;
    // An optional field the spec left unset declares nothing to count.
    if (!size || !what || size->kind() == Value::Kind::kNull) continue;
    if (size->kind() != Value::Kind::kSize || !ToText(*what, text)) {
      rep_.Error(codes::kBadSchema, check->span,
                 size->kind() != Value::Kind::kSize
                     ? fmt::format("a `memory` line of the {} schema must give a size, got {}",
                                   schema.type, Describe(*size))
                     : fmt::format("the message of a `memory` line of the {} schema must be text",
                                   schema.type));
      continue;
    }
    const Span* field = FirstGivenField(*check->cond, inst);
    uses.push_back({size->AsInt(), std::move(text), field ? *field : inst.header_span});
  }
  return uses;
}

}  // namespace kilter::compiler
