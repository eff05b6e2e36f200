#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/interpreter.h"

namespace kilter::compiler {

void Interpreter::ExecUse(const ast::Use& u, const Context& ctx) {
  Definition* def = ctx.scope->FindDefinition(u.module);
  if (!def || def->kind != Definition::Kind::kModule) {
    rep_.Error(
        codes::kUnknownModule, u.module_span,
        def ? fmt::format("`{}` is {}, not a module", u.module, def->What())
            : fmt::format("unknown module `{}`", u.module),
        def ? "" : DidYouMean(u.module, ctx.scope->Names()),
        def ? std::vector<RelatedSpan>{{def->span, "defined here"}} : std::vector<RelatedSpan>{});
    return;
  }
  if (std::find(active_modules_.begin(), active_modules_.end(), def) != active_modules_.end()) {
    std::string chain;
    for (const Definition* m : active_modules_) chain += m->name + " → ";
    rep_.Error(codes::kDefinitionCycle, u.span,
               fmt::format("module `{}` uses itself: {}{}", u.module, chain, u.module),
               "a module cannot use itself, directly or through another module");
    return;
  }
  const auto* module = static_cast<const ast::Module*>(def->node);
  std::optional<std::string> name = Name(*u.instance, *ctx.scope, "a module instance name");
  if (!def->params) def->params = BuildFields(module->params, ev_, *def->home, conform_);
  ValueScope args(def->home);
  if (!ModuleArgs(u, *def->params, ctx, args) || !name) return;
  if (!ev_.Enter(u.span)) return;
  active_modules_.push_back(def);
  ExecBlock(module->body, Context{&args, ctx.prefix + *name + "."}, false);
  active_modules_.pop_back();
  ev_.Leave();
}

bool Interpreter::ModuleArgs(const ast::Use& u, const FieldSet& params, const Context& ctx,
                             ValueScope& args) {
  bool ok = true;
  std::vector<bool> given(params.fields.size(), false);
  std::vector<Span> given_at(params.fields.size());
  for (const ast::Arg& arg : u.args) {
    auto it = params.index.find(arg.name);
    if (it == params.index.end()) {
      rep_.Error(codes::kUnknownArgument, arg.name_span,
                 fmt::format("module `{}` has no parameter `{}`", u.module, arg.name),
                 DidYouMean(arg.name, params.Names()));
      ok = false;
      continue;
    }
    if (given[it->second]) {
      rep_.Error(codes::kDuplicateField, arg.name_span,
                 fmt::format("`{}` is given twice", arg.name), "",
                 {{given_at[it->second], "first given here"}});
      ok = false;
      continue;
    }
    given[it->second] = true;
    given_at[it->second] = arg.span;
    const SemField& param = params.fields[it->second];
    std::optional<Value> v = ev_.Eval(*arg.value, *ctx.scope);
    if (v) v = conform_.Conform(*v, *param.type, arg.name, arg.value->span);
    if (!v) {
      ok = false;
      continue;
    }
    if (param.sensitive && v->kind() == Value::Kind::kString && !v->AsString().empty()) {
      rep_.Warning(codes::kLiteralSecret, arg.value->span,
                   fmt::format("parameter `{}` of module `{}` is sensitive, but its value is "
                               "written in the specs: it sits in git and in every saved plan",
                               arg.name, u.module),
                   fmt::format("read it on the controller instead: {} = env(\"NAME\") or "
                               "file(\"PATH\") (docs/secrets.md)",
                               arg.name));
    }
    args.Set(arg.name, std::move(*v));
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < params.fields.size(); ++i) {
    if (given[i]) continue;
    const SemField& param = params.fields[i];
    if (param.default_value) {
      args.Set(param.name, *param.default_value);
    } else if (param.type->optional) {
      args.Set(param.name, Value::Null(u.span));
    } else {
      missing.push_back(param.name);
    }
  }
  if (!missing.empty()) {
    std::string names;
    for (const std::string& m : missing) names += (names.empty() ? "`" : ", `") + m + "`";
    const SemField& first = *params.Find(missing[0]);
    rep_.Error(codes::kMissingArgument, u.module_span,
               fmt::format("module `{}` needs {} {}", u.module,
                           missing.size() == 1 ? "argument" : "arguments", names),
               fmt::format("add {} = ... ({})", first.name, first.type->Expected()));
    ok = false;
  }
  return ok;
}

}  // namespace kilter::compiler
