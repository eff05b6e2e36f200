#include "compiler/sema/interpreter.h"

#include <fmt/format.h>

#include <filesystem>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/provider_settings.h"
#include "compiler/syntax/parser.h"
#include "stdlib/stdlib.h"

namespace kilter::compiler {

namespace {

/// Stdlib modules importable by name ("profiles/opencart"): every embedded
/// file outside schemas/, without its extension.
std::vector<std::string> StdlibModules() {
  std::vector<std::string> names;
  for (const stdlib::EmbeddedFile& f : stdlib::Files()) {
    if (f.path.starts_with("schemas/") || !f.path.ends_with(".kilt")) continue;
    names.emplace_back(f.path.substr(0, f.path.size() - 5));
  }
  return names;
}

const stdlib::EmbeddedFile* FindStdlib(const std::string& path) {
  for (const stdlib::EmbeddedFile& f : stdlib::Files()) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

bool IsRelative(const std::string& path) {
  return path.starts_with("./") || path.starts_with("../") || path.starts_with("/") ||
         path.ends_with(".kilt");
}

}  // namespace

Interpreter::Interpreter(const EvalInput& input, SourceManager& sources, SourceReader& reader,
                         Diagnostics& diags)
    : input_(input),
      sources_(sources),
      reader_(reader),
      diags_(diags),
      rep_(diags),
      ev_(rep_),
      hosts_(input.inventory),
      conform_(rep_, hosts_),
      builtins_(nullptr),
      root_(&hosts_),
      overrides_(input.inventory, input.param_overrides),
      checks_(builtins_, ev_, rep_) {}

void Interpreter::Run() {
  schemas_.LoadStdlib(sources_, diags_, ev_, builtins_, conform_);
  if (input_.inventory) {
    host_settings_ = CheckProviderSettings(*input_.inventory, schemas_, conform_, checks_, rep_);
  }
  for (const std::string& root : input_.roots) {
    std::string path = std::filesystem::path(root).lexically_normal().string();
    if (Unit* unit = LoadFile(path, false, Span{})) EvalUnit(*unit);
  }
  std::vector<std::string> declared;
  for (const Definition& d : definitions_) {
    if (d.kind == Definition::Kind::kParam) declared.push_back(d.name);
  }
  overrides_.ReportUnknown(declared, rep_);
}

void Interpreter::ReleaseSyntax() {
  for (auto& entry : units_) entry.second->ast.reset();
}

Interpreter::Unit* Interpreter::LoadFile(const std::string& path, bool stdlib, Span import_span) {
  std::string key = stdlib ? StdlibDisplayPath(path) : path;
  auto found = units_.find(key);
  if (found != units_.end()) return found->second.get();
  std::string text;
  if (stdlib) {
    const stdlib::EmbeddedFile* f = FindStdlib(path);
    text.assign(f->text.data(), f->text.size());
  } else {
    std::string error;
    if (!reader_.Read(path, text, error)) {
      rep_.Error(codes::kImportNotFound, import_span,
                 fmt::format("cannot read {}: {}", path, error));
      return nullptr;
    }
  }
  auto unit = std::make_unique<Unit>();
  unit->path = key;
  unit->stdlib = stdlib;
  unit->source = &sources_.Add(key, std::move(text));
  unit->ast = Parse(*unit->source, diags_);
  Unit* raw = unit.get();
  units_.emplace(key, std::move(unit));
  return raw;
}

void Interpreter::EvalUnit(Unit& unit) {
  if (unit.scope) return;  // loaded already, or being loaded (a cycle, reported by the importer)
  unit.scope = std::make_unique<DefinitionScope>(&root_, *this);
  if (!unit.ast) {
    unit.done = true;
    return;
  }
  loading_.push_back({&unit, Span{}});
  DefinitionScope& scope = *unit.scope;
  for (const ast::Stmt& stmt : unit.ast->body) {
    if (const auto* let = std::get_if<ast::Let>(&stmt.node)) {
      Define(scope, Definition::Kind::kLet, let->name, let->name_span, let, true);
    } else if (const auto* param = std::get_if<ast::Param>(&stmt.node)) {
      Define(scope, Definition::Kind::kParam, param->name, param->name_span, param, true);
    } else if (const auto* group = std::get_if<ast::Group>(&stmt.node)) {
      Define(scope, Definition::Kind::kGroup, group->name, group->name_span, group, true);
    } else if (const auto* module = std::get_if<ast::Module>(&stmt.node)) {
      Define(scope, Definition::Kind::kModule, module->name, module->name_span, module, true);
    }
  }
  for (const ast::Stmt& stmt : unit.ast->body) {
    if (const auto* import = std::get_if<ast::Import>(&stmt.node)) Import(unit, *import);
  }
  ExecBlock(unit.ast->body, Context{&scope, ""}, true);
  // Definitions nobody used are still checked: a typo in an unused let is a typo.
  for (Definition* def : scope.own()) Force(*def, def->span);
  loading_.pop_back();
  unit.done = true;
}

void Interpreter::Import(Unit& unit, const ast::Import& import) {
  std::string path;
  bool stdlib = false;
  if (!ResolveImport(unit, import, path, stdlib)) return;
  loading_.back().import_span = import.span;
  Unit* child = LoadFile(path, stdlib, import.path_span);
  if (!child) return;
  if (child->scope && !child->done) {
    // `child` is being loaded further up the chain: show the whole cycle.
    std::string chain;
    std::vector<RelatedSpan> related;
    bool in_cycle = false;
    for (const Loading& step : loading_) {
      in_cycle = in_cycle || step.unit == child;
      if (!in_cycle) continue;
      chain += step.unit->path + " → ";
      if (step.unit != &unit) related.push_back({step.import_span, "which imports the next"});
    }
    rep_.Error(codes::kImportCycle, import.path_span,
               fmt::format("import cycle: {}{}", chain, child->path),
               "move what the files share into a third file that both import", std::move(related));
    return;
  }
  // A chain of imports nests like definitions do: bound it the same way.
  if (!ev_.Enter(import.path_span)) return;
  EvalUnit(*child);
  ev_.Leave();
  for (Definition* def : child->scope->own()) Bind(*unit.scope, def, import.span);
}

bool Interpreter::ResolveImport(const Unit& from, const ast::Import& import, std::string& path,
                                bool& stdlib) {
  namespace fs = std::filesystem;
  if (IsRelative(import.path)) {
    stdlib = from.stdlib;
    std::string base = from.stdlib ? from.path.substr(std::string("<stdlib>/").size()) : from.path;
    path = (fs::path(base).parent_path() / import.path).lexically_normal().string();
    if (!stdlib || FindStdlib(path)) return true;
    rep_.Error(codes::kImportNotFound, import.path_span,
               fmt::format("the stdlib has no file {}", path));
    return false;
  }
  stdlib = true;
  path = import.path + ".kilt";
  if (FindStdlib(path) && !path.starts_with("schemas/")) return true;
  std::string hint = DidYouMean(import.path, StdlibModules());
  if (hint.empty())
    hint = "a file is imported by a relative path: import \"./" + import.path + ".kilt\"";
  rep_.Error(codes::kImportNotFound, import.path_span,
             fmt::format("no stdlib module `{}`", import.path), hint);
  return false;
}

void Interpreter::Define(DefinitionScope& scope, Definition::Kind kind, const std::string& name,
                         Span span, const void* node, bool own) {
  Definition& def = definitions_.emplace_back();
  def.kind = kind;
  def.name = name;
  def.span = span;
  def.node = node;
  def.home = &scope;
  if (!scope.Add(&def)) {
    rep_.Error(codes::kNameClash, span, fmt::format("`{}` is defined twice", name), "",
               {{scope.Get(name)->span, "first defined here"}});
    return;
  }
  if (own) scope.AddOwn(&def);
  if (kind == Definition::Kind::kLet || kind == Definition::Kind::kParam) WarnIfShadowsHost(def);
}

void Interpreter::WarnIfShadowsHost(const Definition& def) {
  bool host = hosts_.IsHost(def.name);
  if (!host && !hosts_.Group(def.name)) return;
  const char* what = def.kind == Definition::Kind::kLet ? "let" : "param";
  const char* noun = host ? "host" : "group";
  std::vector<RelatedSpan> related;
  const auto& spans = host ? input_.inventory->host_spans : input_.inventory->group_spans;
  if (auto it = spans.find(def.name); it != spans.end()) {
    related.push_back({it->second, fmt::format("the {} `{}`", noun, def.name)});
  }
  rep_.Warning(codes::kShadowsHost, def.span,
               fmt::format("`{} {}` shadows the inventory {} `{}`: `on {}` in its scope means "
                           "this {}, not the {}",
                           what, def.name, noun, def.name, def.name, what, noun),
               fmt::format("rename the {}", what), std::move(related));
}

void Interpreter::Bind(DefinitionScope& scope, Definition* def, Span import_span) {
  Definition* existing = scope.Get(def->name);
  if (existing == def) return;
  if (!existing) {
    scope.Add(def);
    return;
  }
  rep_.Error(codes::kNameClash, import_span,
             fmt::format("this import brings `{}`, which is already defined", def->name),
             "rename one of them",
             {{existing->span, "defined here"}, {def->span, "and imported from here"}});
}

std::optional<Value> Interpreter::Force(Definition& def, Span use) {
  if (def.state == Definition::State::kDone) return def.value;
  if (def.kind == Definition::Kind::kModule) {
    def.state = Definition::State::kDone;
    return std::nullopt;
  }
  if (def.state == Definition::State::kEvaluating) {
    std::string chain;
    std::vector<RelatedSpan> related;
    bool in_cycle = false;
    for (Definition* d : evaluating_) {
      in_cycle = in_cycle || d == &def;
      if (!in_cycle) continue;
      chain += d->name + " → ";
      related.push_back({d->span, fmt::format("`{}` is defined here", d->name)});
    }
    rep_.Error(codes::kDefinitionCycle, use,
               fmt::format("`{}` depends on itself: {}{}", def.name, chain, def.name), "",
               std::move(related));
    return std::nullopt;
  }
  if (!ev_.Enter(use)) return std::nullopt;
  def.state = Definition::State::kEvaluating;
  evaluating_.push_back(&def);
  std::optional<Value> value = Compute(def);
  evaluating_.pop_back();
  ev_.Leave();
  def.state = Definition::State::kDone;
  def.value = std::move(value);
  return def.value;
}

std::optional<Value> Interpreter::Compute(Definition& def) {
  switch (def.kind) {
    case Definition::Kind::kLet:
      return ev_.Eval(*static_cast<const ast::Let*>(def.node)->value, *def.home);
    case Definition::Kind::kGroup: {
      const auto* group = static_cast<const ast::Group*>(def.node);
      std::optional<Value> hosts = ev_.Eval(*group->hosts, *def.home);
      if (!hosts) return std::nullopt;
      return conform_.Hosts(*hosts, group->hosts->span);
    }
    case Definition::Kind::kParam:
      return ComputeParam(def);
    case Definition::Kind::kModule:
      break;
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::ComputeParam(Definition& def) {
  const auto* param = static_cast<const ast::Param*>(def.node);
  TypeRef type = BuildType(param->type.get(), ev_, *def.home, conform_);
  bool given = false;
  std::optional<Value> value = overrides_.Get(param->name, *type, param->span, conform_, given);
  if (!given) {
    if (!param->default_value) {
      rep_.Error(
          codes::kMissingArgument, param->name_span,
          fmt::format("param `{}` has no default and is not set", param->name),
          fmt::format("set it in kilter.toml [params] or with --param {}=VALUE", param->name));
      return std::nullopt;
    }
    value = ev_.Eval(*param->default_value, *def.home);
    if (value) value = conform_.Conform(*value, *type, param->name, param->default_value->span);
  }
  if (value) param_values_.insert_or_assign(param->name, *value);
  return value;
}

}  // namespace kilter::compiler
