#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/sema/value.h"

namespace kilter::compiler {

struct Definition;

/// Where the evaluator looks names up: a chain of scopes, innermost first
/// (loop variables, module arguments, a file's definitions, imported names,
/// the inventory's hosts and groups).
class Scope {
 public:
  explicit Scope(Scope* parent) : parent_(parent) {}
  virtual ~Scope() = default;
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  /// Finds `name` (used at `use`) here or in a parent. False when no scope
  /// defines it; true with `out` empty when it is defined but its value
  /// failed (already reported).
  bool Lookup(const std::string& name, Span use, std::optional<Value>& out) {
    for (Scope* s = this; s; s = s->parent_) {
      if (s->Find(name, use, out)) return true;
    }
    return false;
  }

  /// Every name visible here, for did-you-mean hints.
  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    for (const Scope* s = this; s; s = s->parent_) s->AddOwnNames(out);
    return out;
  }

  /// The `let`/`param`/`group`/`module` definition `name` stands for here or
  /// in a parent, or null (plain values such as loop variables have none).
  Definition* FindDefinition(const std::string& name) {
    for (Scope* s = this; s; s = s->parent_) {
      if (Definition* d = s->OwnDefinition(name)) return d;
      if (s->Defines(name)) return nullptr;
    }
    return nullptr;
  }

 protected:
  virtual Definition* OwnDefinition(const std::string&) { return nullptr; }
  /// This scope's own part of Lookup.
  virtual bool Find(const std::string& name, Span use, std::optional<Value>& out) = 0;
  /// Whether this scope itself defines `name`, without computing it.
  virtual bool Defines(const std::string& name) const = 0;
  virtual void AddOwnNames(std::vector<std::string>& out) const = 0;

 private:
  Scope* parent_;
};

/// A few plain values: a loop variable, a module's arguments.
class ValueScope : public Scope {
 public:
  explicit ValueScope(Scope* parent) : Scope(parent) {}
  void Set(std::string name, Value value) {
    values_.emplace_back(std::move(name), std::move(value));
  }

 protected:
  bool Find(const std::string& name, Span, std::optional<Value>& out) override {
    for (const auto& [n, v] : values_) {
      if (n == name) {
        out = v;
        return true;
      }
    }
    return false;
  }
  bool Defines(const std::string& name) const override {
    for (const auto& entry : values_) {
      if (entry.first == name) return true;
    }
    return false;
  }
  void AddOwnNames(std::vector<std::string>& out) const override {
    for (const auto& entry : values_) out.push_back(entry.first);
  }

 private:
  std::vector<std::pair<std::string, Value>> values_;
};

}  // namespace kilter::compiler
