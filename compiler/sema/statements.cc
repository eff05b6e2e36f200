#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/checks.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/interpreter.h"

namespace kilter::compiler {

namespace {

using K = Value::Kind;

/// More iterations than this in one `for` is a mistake, not an estate.
constexpr int64_t kMaxIterations = 1'000'000;

Span Join(Span a, Span b) {
  if (!a.valid() || a.file != b.file) return a;
  return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

}  // namespace

void Interpreter::Misplaced(const ast::Stmt& stmt, const char* what) {
  rep_.Error(codes::kMisplaced, std::visit([](const auto& n) { return n.span; }, stmt.node), what);
}

void Interpreter::ExecBlock(const ast::Block& block, const Context& ctx, bool top_level) {
  Context inner = ctx;
  DefinitionScope* locals = nullptr;
  if (!top_level) {
    for (const ast::Stmt& stmt : block) {
      const auto* let = std::get_if<ast::Let>(&stmt.node);
      const auto* group = std::get_if<ast::Group>(&stmt.node);
      if (!let && !group) continue;
      if (!locals) {
        locals = &block_scopes_.emplace_back(ctx.scope, *this);
        inner.scope = locals;
      }
      if (let) Define(*locals, Definition::Kind::kLet, let->name, let->name_span, let, true);
      if (group) {
        Define(*locals, Definition::Kind::kGroup, group->name, group->name_span, group, true);
      }
    }
  }
  for (const ast::Stmt& stmt : block) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, ast::Resource>) {
            ExecResource(node, inner);
          } else if constexpr (std::is_same_v<T, ast::For>) {
            ExecFor(node, inner);
          } else if constexpr (std::is_same_v<T, ast::If>) {
            ExecIf(node, inner);
          } else if constexpr (std::is_same_v<T, ast::Use>) {
            ExecUse(node, inner);
          } else if constexpr (std::is_same_v<T, ast::Schema>) {
            Misplaced(stmt, "`schema` declarations live in the stdlib (stdlib/schemas/)");
          } else if constexpr (std::is_same_v<T, ast::Import> || std::is_same_v<T, ast::Param> ||
                               std::is_same_v<T, ast::Module>) {
            if (!top_level) {
              Misplaced(stmt, "`import`, `param` and `module` belong at the top level of a file");
            }
          }
        },
        stmt.node);
  }
  if (locals) {
    for (Definition* def : locals->own()) Force(*def, def->span);
  }
}

std::optional<std::string> Interpreter::Name(const ast::Expr& expr, Scope& scope,
                                             const char* what) {
  std::optional<Value> v = ev_.Eval(expr, scope);
  if (!v) return std::nullopt;
  if (v->kind() != K::kString || v->AsString().empty()) {
    rep_.Error(codes::kTypeMismatch, expr.span,
               fmt::format("{} must be a non-empty string, got {}", what, Describe(*v)));
    return std::nullopt;
  }
  return v->AsString();
}

void Interpreter::ExecResource(const ast::Resource& r, const Context& ctx) {
  const Schema* schema = schemas_.Find(r.type);
  if (!schema) {
    rep_.Error(codes::kUnknownType, r.type_span, fmt::format("unknown resource type `{}`", r.type),
               DidYouMean(r.type, schemas_.Types()));
    return;
  }
  std::optional<std::string> name = Name(*r.name, *ctx.scope, "a resource name");
  std::optional<Value> target = ev_.Eval(*r.target, *ctx.scope);
  if (target) target = conform_.Hosts(*target, r.target->span);
  Instance inst;
  inst.schema = schema;
  inst.prefix = ctx.prefix;
  inst.span = r.span;
  inst.name_span = r.name->span;
  inst.header_span = Join(r.type_span, r.name->span);
  std::vector<GivenField> given;
  given.reserve(r.fields.size());
  bool ok = name && target;
  for (const ast::Field& f : r.fields) {
    auto [it, fresh] = inst.field_spans.emplace(f.name, f.span);
    if (!fresh) {
      rep_.Error(codes::kDuplicateField, f.name_span, fmt::format("`{}` is set twice", f.name), "",
                 {{it->second, "first set here"}});
      ok = false;
      continue;
    }
    if (f.name == "after") {
      CollectAfter(f, *ctx.scope, inst);
      continue;
    }
    if (f.name == "accept") {
      CollectAccept(f, *ctx.scope, inst);
      continue;
    }
    std::optional<Value> v = ev_.Eval(*f.value, *ctx.scope);
    if (!v) {
      ok = false;
      continue;
    }
    given.push_back({f.name, f.name_span, std::move(*v), f.value->span});
  }
  inst.field_spans.erase("after");
  inst.field_spans.erase("accept");
  auto what = [&] { return fmt::format("{} \"{}\"", r.type, name ? *name : "?"); };
  if (!conform_.Fields(*schema->fields, given, {}, inst.header_span, what, inst.values) || !ok) {
    return;
  }
  checks_.Run(*schema, inst);
  inst.memory = checks_.Memory(*schema, inst);
  inst.name = ctx.prefix + *name;
  inst.hosts = std::move(*target);
  instances_.push_back(std::move(inst));
}

void Interpreter::CollectAfter(const ast::Field& field, Scope& scope, Instance& inst) {
  std::optional<Value> v = ev_.Eval(*field.value, scope);
  if (!v) return;
  ValueList refs = v->kind() == K::kList ? v->Items() : ValueList{*v};
  for (const Value& ref : refs) {
    Span at = Within(ref.span(), field.value->span) ? ref.span() : field.value->span;
    size_t slash = ref.kind() == K::kString ? ref.AsString().find('/') : std::string::npos;
    if (slash == std::string::npos || slash == 0 || slash + 1 == ref.AsString().size()) {
      rep_.Error(codes::kTypeMismatch, at,
                 fmt::format("`after` lists resources as \"TYPE/NAME\", got {}", Describe(ref)),
                 "for example: after = [\"php.opcache/storefront\"]");
      continue;
    }
    inst.after.push_back({ref.AsString().substr(0, slash), ref.AsString().substr(slash + 1), at});
  }
}

void Interpreter::ExecFor(const ast::For& f, const Context& ctx) {
  std::optional<Value> iterable = ev_.Eval(*f.iterable, *ctx.scope);
  if (!iterable) return;
  auto run = [&](Value item) {
    ValueScope scope(ctx.scope);
    scope.Set(f.var, std::move(item));
    ExecBlock(f.body, Context{&scope, ctx.prefix}, false);
  };
  switch (iterable->kind()) {
    case K::kList:
    case K::kGroup:
      for (const Value& item : iterable->Items()) run(item);
      return;
    case K::kRange: {
      const Value& from = iterable->Items()[0];
      const Value& to = iterable->Items()[1];
      if (from.kind() == K::kInt && to.AsInt() - from.AsInt() < kMaxIterations) {
        for (int64_t i = from.AsInt(); i <= to.AsInt(); ++i) run(Value::Int(i, iterable->span()));
        return;
      }
      break;
    }
    default:
      break;
  }
  rep_.Error(codes::kNotIterable, f.iterable->span,
             fmt::format("`for` goes over a list, a group or a range of ints (at most {} items), "
                         "got {}",
                         kMaxIterations, Describe(*iterable)),
             iterable->kind() == K::kObject ? "go over its keys: for k in keys(object)" : "");
}

void Interpreter::ExecIf(const ast::If& i, const Context& ctx) {
  std::optional<bool> cond = ev_.Condition(*i.cond, *ctx.scope, "the condition of `if`");
  if (!cond) return;
  ExecBlock(*cond ? i.then_body : i.else_body, ctx, false);
}

}  // namespace kilter::compiler
