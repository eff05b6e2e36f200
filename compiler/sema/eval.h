#pragma once

#include <optional>
#include <unordered_map>

#include "compiler/sema/reporter.h"
#include "compiler/sema/scope.h"
#include "compiler/sema/value.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// Computes the value of expressions. Every problem is reported where it
/// happens and gives nullopt, which callers pass on without reporting again,
/// so one mistake gives one error.
class Evaluator {
 public:
  explicit Evaluator(Reporter& rep) : rep_(rep) {}

  std::optional<Value> Eval(const ast::Expr& expr, Scope& scope);

  /// Evaluates a condition (`if`, `?:`, `assert`): it must be a bool (E0505);
  /// `what` names the construct in the message.
  std::optional<bool> Condition(const ast::Expr& expr, Scope& scope, const char* what);

  /// Guards the depth of nested evaluation (a `let` that needs another `let`
  /// that needs another ...): false, after reporting E0512 at `span`, when
  /// entering would go deeper than the stack allows.
  bool Enter(Span span);
  void Leave() { --depth_; }

  Reporter& reporter() { return rep_; }

 private:
  std::optional<Value> Ident(const ast::Expr& e, Scope& scope);
  std::optional<Value> String(const ast::Expr& e, Scope& scope);
  std::optional<Value> List(const ast::Expr& e, Scope& scope);
  std::optional<Value> Object(const ast::Expr& e, Scope& scope);
  std::optional<Value> Index(const ast::Expr& e, Scope& scope);
  std::optional<Value> Member(const ast::Expr& e, Scope& scope);
  std::optional<Value> Binary(const ast::Expr& e, Scope& scope);
  std::optional<Value> Range(const ast::Expr& e, Scope& scope);
  std::optional<Value> Call(const ast::Expr& e, Scope& scope);

  Reporter& rep_;
  int depth_ = 0;
  /// Lists written with literals only (`["off", "tracing"]` in a schema
  /// check): built once, shared after.
  std::unordered_map<const ast::Expr*, Value> constant_lists_;
};

}  // namespace kilter::compiler
