#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/sema/checks.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/definitions.h"
#include "compiler/sema/eval.h"
#include "compiler/sema/evaluator.h"
#include "compiler/sema/instance.h"
#include "compiler/sema/params.h"
#include "compiler/sema/reporter.h"
#include "compiler/sema/root_scope.h"
#include "compiler/sema/schema_registry.h"

namespace kilter::compiler {

/// Runs the program: loads files and their imports once each, evaluates
/// definitions on demand and statements in order, and collects one Instance
/// per resource statement execution.
class Interpreter {
 public:
  Interpreter(const EvalInput& input, SourceManager& sources, SourceReader& reader,
              Diagnostics& diags);

  /// Loads the schemas and evaluates every root file.
  void Run();

  std::vector<Instance>& instances() { return instances_; }
  Reporter& reporter() { return rep_; }
  /// The final value of every param that evaluated, by name.
  const std::map<std::string, Value>& param_values() const { return param_values_; }
  /// Every host's provider settings, checked and defaulted (provider_settings.h).
  std::map<std::string, nlohmann::json>& host_settings() { return host_settings_; }

  /// Frees the specs' syntax trees once evaluation is done (diagnostics
  /// point into the sources, which the SourceManager keeps).
  void ReleaseSyntax();

  /// The value of a definition, computing it on first use; reports cycles.
  std::optional<Value> Force(Definition& def, Span use);

 private:
  /// A loaded file: its syntax tree and the names it defines.
  struct Unit {
    std::string path;
    const SourceFile* source = nullptr;
    std::unique_ptr<ast::File> ast;
    bool stdlib = false;
    bool done = false;
    std::unique_ptr<DefinitionScope> scope;
  };
  /// Where statements run: the scope, and the name prefix of module instances.
  struct Context {
    Scope* scope;
    std::string prefix;
  };
  /// One step of the import chain being loaded, for cycle messages.
  struct Loading {
    Unit* unit;
    Span import_span;
  };

  // Files and imports (interpreter.cc).
  Unit* LoadFile(const std::string& path, bool stdlib, Span import_span);
  void EvalUnit(Unit& unit);
  void Import(Unit& unit, const ast::Import& import);
  bool ResolveImport(const Unit& from, const ast::Import& import, std::string& path, bool& stdlib);
  void Define(DefinitionScope& scope, Definition::Kind kind, const std::string& name, Span span,
              const void* node, bool own);
  void Bind(DefinitionScope& scope, Definition* def, Span import_span);
  std::optional<Value> Compute(Definition& def);
  std::optional<Value> ComputeParam(Definition& def);

  // Statements (statements.cc).
  void ExecBlock(const ast::Block& block, const Context& ctx, bool top_level);
  void ExecResource(const ast::Resource& r, const Context& ctx);
  void ExecFor(const ast::For& f, const Context& ctx);
  void ExecIf(const ast::If& i, const Context& ctx);
  void ExecUse(const ast::Use& u, const Context& ctx);
  bool ModuleArgs(const ast::Use& u, const FieldSet& params, const Context& ctx, ValueScope& args);
  void Misplaced(const ast::Stmt& stmt, const char* what);
  /// W0320 when a `let` or `param` is named like an inventory host or group.
  void WarnIfShadowsHost(const Definition& def);
  std::optional<std::string> Name(const ast::Expr& expr, Scope& scope, const char* what);
  void CollectAfter(const ast::Field& field, Scope& scope, Instance& inst);
  /// `accept = { W0263 = "reason" }`: warnings this resource keeps on purpose.
  void CollectAccept(const ast::Field& field, Scope& scope, Instance& inst);

  const EvalInput& input_;
  SourceManager& sources_;
  SourceReader& reader_;
  Diagnostics& diags_;
  Reporter rep_;
  Evaluator ev_;
  HostTable hosts_;
  Conformer conform_;
  RootScope builtins_;  ///< `null` only: schemas see no inventory
  RootScope root_;
  SchemaRegistry schemas_;
  ParamOverrides overrides_;
  CheckRunner checks_;

  std::unordered_map<std::string, std::unique_ptr<Unit>> units_;
  std::vector<Loading> loading_;
  std::deque<Definition> definitions_;
  std::deque<DefinitionScope> block_scopes_;
  std::vector<Definition*> evaluating_;
  std::vector<const Definition*> active_modules_;
  std::map<std::string, Value> param_values_;
  std::map<std::string, nlohmann::json> host_settings_;
  std::vector<Instance> instances_;
};

}  // namespace kilter::compiler
