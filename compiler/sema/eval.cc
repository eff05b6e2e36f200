#include "compiler/sema/eval.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/arith.h"
#include "compiler/sema/builtins.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/literals.h"

namespace kilter::compiler {

namespace {

using K = Value::Kind;
using EK = ast::Expr::Kind;

/// Deeper than this, evaluation stops with E0512 instead of risking the stack.
constexpr int kMaxEvalDepth = 500;

std::vector<std::string> KeysOf(const Value& object) {
  std::vector<std::string> keys;
  for (const auto& entry : object.Fields()) keys.push_back(entry.first);
  return keys;
}

}  // namespace

bool Evaluator::Enter(Span span) {
  if (depth_ >= kMaxEvalDepth) {
    rep_.Error(codes::kTooDeep, span,
               fmt::format("evaluation nests deeper than {} levels", kMaxEvalDepth),
               "split the chain of definitions, or check for a runaway module");
    return false;
  }
  ++depth_;
  return true;
}

std::optional<Value> Evaluator::Eval(const ast::Expr& e, Scope& scope) {
  if (!Enter(e.span)) return std::nullopt;
  std::optional<Value> result;
  switch (e.kind) {
    case EK::kBool:
    case EK::kInt:
    case EK::kFloat:
    case EK::kSize:
    case EK::kDuration:
    case EK::kIp:
    case EK::kCidr:
      result = EvalLiteral(e, rep_);
      break;
    case EK::kString:
      result = String(e, scope);
      break;
    case EK::kIdent:
      result = Ident(e, scope);
      break;
    case EK::kList:
      result = List(e, scope);
      break;
    case EK::kObject:
      result = Object(e, scope);
      break;
    case EK::kIndex:
      result = Index(e, scope);
      break;
    case EK::kMember:
      result = Member(e, scope);
      break;
    case EK::kUnary: {
      std::optional<Value> v = Eval(*e.operands[0], scope);
      if (v) result = arith::Unary(e.text, *v, e.span, rep_);
      break;
    }
    case EK::kBinary:
      result = Binary(e, scope);
      break;
    case EK::kTernary: {
      std::optional<bool> cond = Condition(*e.operands[0], scope, "the condition of `?:`");
      if (cond) result = Eval(*e.operands[*cond ? 1 : 2], scope);
      break;
    }
    case EK::kRange:
      result = Range(e, scope);
      break;
    case EK::kCall:
      result = Call(e, scope);
      break;
  }
  Leave();
  return result;
}

std::optional<bool> Evaluator::Condition(const ast::Expr& expr, Scope& scope, const char* what) {
  std::optional<Value> v = Eval(expr, scope);
  if (!v) return std::nullopt;
  if (v->kind() != K::kBool) {
    rep_.Error(codes::kNotBool, expr.span,
               fmt::format("{} must be a bool, got {}", what, Describe(*v)),
               v->kind() == K::kInt ? "compare it, like `x != 0`" : "");
    return std::nullopt;
  }
  return v->AsBool();
}

std::optional<Value> Evaluator::Ident(const ast::Expr& e, Scope& scope) {
  std::optional<Value> out;
  if (scope.Lookup(e.text, e.span, out)) {
    if (out) out->set_span(e.span);
    return out;
  }
  rep_.Error(codes::kUnknownName, e.span, fmt::format("unknown name `{}`", e.text),
             DidYouMean(e.text, scope.Names()));
  return std::nullopt;
}

std::optional<Value> Evaluator::String(const ast::Expr& e, Scope& scope) {
  std::string out;
  // A secret interpolated makes the whole string a secret: the text around it
  // becomes literal parts beside the references.
  ValueList secret_parts;
  for (const ast::StringPart& part : e.parts) {
    if (!part.expr) {
      out += part.text;
      continue;
    }
    std::optional<Value> v = Eval(*part.expr, scope);
    if (!v) return std::nullopt;
    if (v->kind() == K::kSecret) {
      if (!out.empty()) secret_parts.push_back(Value::String(std::move(out), e.span));
      out.clear();
      secret_parts.insert(secret_parts.end(), v->Items().begin(), v->Items().end());
      continue;
    }
    std::string text;
    if (!ToText(*v, text)) {
      rep_.Error(codes::kNotText, part.expr->span,
                 fmt::format("cannot put {} into a string", Describe(*v)),
                 v->kind() == K::kList || v->kind() == K::kGroup
                     ? "join the items first: ${join(list, \", \")}"
                     : "");
      return std::nullopt;
    }
    out += text;
  }
  if (secret_parts.empty()) return Value::String(std::move(out), e.span);
  if (!out.empty()) secret_parts.push_back(Value::String(std::move(out), e.span));
  return Value::Secret(std::move(secret_parts), e.span);
}

namespace {

bool IsLiteral(const ast::Expr& e) {
  switch (e.kind) {
    case EK::kBool:
    case EK::kInt:
    case EK::kFloat:
    case EK::kSize:
    case EK::kDuration:
    case EK::kIp:
    case EK::kCidr:
      return true;
    case EK::kString:
      return std::all_of(e.parts.begin(), e.parts.end(),
                         [](const ast::StringPart& p) { return !p.expr; });
    default:
      return false;
  }
}

}  // namespace

std::optional<Value> Evaluator::List(const ast::Expr& e, Scope& scope) {
  bool constant = std::all_of(e.operands.begin(), e.operands.end(),
                              [](const ast::ExprPtr& item) { return IsLiteral(*item); });
  if (constant) {
    auto it = constant_lists_.find(&e);
    if (it != constant_lists_.end()) return it->second;
  }
  ValueList items;
  items.reserve(e.operands.size());
  bool ok = true;
  for (const ast::ExprPtr& item : e.operands) {
    std::optional<Value> v = Eval(*item, scope);
    if (v) items.push_back(std::move(*v));
    ok = ok && v;
  }
  if (!ok) return std::nullopt;
  Value list = Value::List(std::move(items), e.span);
  if (constant) constant_lists_.emplace(&e, list);
  return list;
}

std::optional<Value> Evaluator::Object(const ast::Expr& e, Scope& scope) {
  ValueFields fields;
  fields.reserve(e.fields.size());
  bool ok = true;
  for (const ast::ObjectField& f : e.fields) {
    for (const auto& [key, value] : fields) {
      if (key != f.key) continue;
      rep_.Error(codes::kDuplicateKey, f.key_span, fmt::format("`{}` is set twice", f.key), "",
                 {{value.span(), "first set here"}});
      ok = false;
    }
    std::optional<Value> v = Eval(*f.value, scope);
    if (v) fields.emplace_back(f.key, std::move(*v));
    ok = ok && v;
  }
  if (!ok) return std::nullopt;
  return Value::Object(std::move(fields), e.span);
}

std::optional<Value> Evaluator::Index(const ast::Expr& e, Scope& scope) {
  std::optional<Value> target = Eval(*e.operands[0], scope);
  std::optional<Value> index = Eval(*e.operands[1], scope);
  if (!target || !index) return std::nullopt;
  if ((target->kind() == K::kList || target->kind() == K::kGroup) && index->kind() == K::kInt) {
    const ValueList& items = target->Items();
    if (index->AsInt() < 0 || index->AsInt() >= static_cast<int64_t>(items.size())) {
      rep_.Error(codes::kIndexOutOfRange, e.operands[1]->span,
                 fmt::format("index {} is out of range: the list has {} item{}", index->AsInt(),
                             items.size(), items.size() == 1 ? "" : "s"));
      return std::nullopt;
    }
    return items[static_cast<size_t>(index->AsInt())];
  }
  if (target->kind() == K::kObject && index->kind() == K::kString) {
    if (const Value* v = target->Find(index->AsString())) return *v;
    rep_.Error(codes::kIndexOutOfRange, e.operands[1]->span,
               fmt::format("the object has no key \"{}\"", index->AsString()),
               DidYouMean(index->AsString(), KeysOf(*target)));
    return std::nullopt;
  }
  rep_.Error(codes::kOperandType, e.span,
             fmt::format("cannot index {} with {}", Describe(*target), Describe(*index)),
             "index a list with an int, an object with a string");
  return std::nullopt;
}

std::optional<Value> Evaluator::Member(const ast::Expr& e, Scope& scope) {
  std::optional<Value> target = Eval(*e.operands[0], scope);
  if (!target) return std::nullopt;
  if (target->kind() != K::kObject) {
    rep_.Error(codes::kNoMember, e.span,
               fmt::format("{} has no member `{}`", Describe(*target), e.text),
               "only objects have members");
    return std::nullopt;
  }
  if (const Value* v = target->Find(e.text)) return *v;
  rep_.Error(codes::kNoMember, e.span, fmt::format("the object has no member `{}`", e.text),
             DidYouMean(e.text, KeysOf(*target)));
  return std::nullopt;
}

std::optional<Value> Evaluator::Binary(const ast::Expr& e, Scope& scope) {
  if (e.text == "&&" || e.text == "||") {
    bool is_and = e.text == "&&";
    std::optional<Value> l = Eval(*e.operands[0], scope);
    if (!l) return std::nullopt;
    if (l->kind() == K::kBool && l->AsBool() != is_and) return Value::Bool(!is_and, e.span);
    std::optional<Value> r = Eval(*e.operands[1], scope);
    if (!r) return std::nullopt;
    if (l->kind() != K::kBool || r->kind() != K::kBool) {
      rep_.Error(
          codes::kOperandType, e.span,
          fmt::format("`{}` needs two bools, got {} and {}", e.text, Describe(*l), Describe(*r)));
      return std::nullopt;
    }
    return Value::Bool(r->AsBool(), e.span);
  }
  std::optional<Value> l = Eval(*e.operands[0], scope);
  std::optional<Value> r = Eval(*e.operands[1], scope);
  if (!l || !r) return std::nullopt;
  return arith::Binary(e.text, *l, *r, e.span, rep_);
}

std::optional<Value> Evaluator::Range(const ast::Expr& e, Scope& scope) {
  std::optional<Value> from = Eval(*e.operands[0], scope);
  std::optional<Value> to = Eval(*e.operands[1], scope);
  if (!from || !to) return std::nullopt;
  bool same =
      from->kind() == to->kind() && (from->kind() == K::kInt || from->kind() == K::kFloat ||
                                     from->kind() == K::kSize || from->kind() == K::kDuration);
  if (!same) {
    rep_.Error(codes::kOperandType, e.span,
               fmt::format("a range needs two numbers, sizes or durations of one kind, got {} "
                           "and {}",
                           Describe(*from), Describe(*to)));
    return std::nullopt;
  }
  bool backwards =
      from->kind() == K::kFloat ? from->AsFloat() > to->AsFloat() : from->AsInt() > to->AsInt();
  if (backwards) {
    rep_.Error(codes::kOperandType, e.span,
               fmt::format("the range {}..{} goes backwards", Show(*from), Show(*to)),
               fmt::format("write {}..{}", Show(*to), Show(*from)));
    return std::nullopt;
  }
  return Value::Range(std::move(*from), std::move(*to), e.span);
}

std::optional<Value> Evaluator::Call(const ast::Expr& e, Scope& scope) {
  std::vector<Value> args;
  args.reserve(e.operands.size());
  for (const ast::ExprPtr& arg : e.operands) {
    std::optional<Value> v = Eval(*arg, scope);
    if (!v) return std::nullopt;
    args.push_back(std::move(*v));
  }
  return CallBuiltin(e, args, rep_);
}

}  // namespace kilter::compiler
