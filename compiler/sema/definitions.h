#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/sema/scope.h"
#include "compiler/sema/types.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

class Interpreter;

/// What a `let`, `param`, `group` or `module` name stands for. Values are
/// computed on first use (so definitions may come in any order) and once.
struct Definition {
  enum class Kind { kLet, kParam, kGroup, kModule };
  enum class State { kPending, kEvaluating, kDone };

  Kind kind = Kind::kLet;
  std::string name;
  Span span;                   ///< the name where it is defined
  const void* node = nullptr;  ///< the ast::Let, Param, Group or Module
  Scope* home = nullptr;       ///< where its expressions are evaluated
  State state = State::kPending;
  std::optional<Value> value;              ///< when done; empty if it failed
  std::shared_ptr<const FieldSet> params;  ///< a module's parameters, once built

  /// "a let", "a param", "a group", "a module": for messages.
  const char* What() const;
};

/// The names a block defines (a file, a module body, a loop body), computed
/// on first use through the interpreter. A file's scope also holds the names
/// it imports.
class DefinitionScope : public Scope {
 public:
  DefinitionScope(Scope* parent, Interpreter& interp) : Scope(parent), interp_(interp) {}

  /// Adds a definition; false when the name is taken here (the caller reports).
  bool Add(Definition* def) { return defs_.emplace(def->name, def).second; }
  Definition* Get(const std::string& name) const;
  const std::vector<Definition*>& own() const { return own_; }
  /// Marks `def` as defined by this block itself (exported by a file).
  void AddOwn(Definition* def) { own_.push_back(def); }

 protected:
  bool Find(const std::string& name, Span use, std::optional<Value>& out) override;
  bool Defines(const std::string& name) const override { return defs_.count(name) > 0; }
  void AddOwnNames(std::vector<std::string>& out) const override;
  Definition* OwnDefinition(const std::string& name) override { return Get(name); }

 private:
  Interpreter& interp_;
  std::unordered_map<std::string, Definition*> defs_;
  std::vector<Definition*> own_;
};

}  // namespace kilter::compiler
