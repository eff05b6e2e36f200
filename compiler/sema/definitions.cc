#include "compiler/sema/definitions.h"

#include "compiler/sema/interpreter.h"

namespace kilter::compiler {

const char* Definition::What() const {
  switch (kind) {
    case Kind::kLet:
      return "a let";
    case Kind::kParam:
      return "a param";
    case Kind::kGroup:
      return "a group";
    case Kind::kModule:
      return "a module";
  }
  return "a name";
}

Definition* DefinitionScope::Get(const std::string& name) const {
  auto it = defs_.find(name);
  return it == defs_.end() ? nullptr : it->second;
}

bool DefinitionScope::Find(const std::string& name, Span use, std::optional<Value>& out) {
  Definition* def = Get(name);
  if (!def) return false;
  out = interp_.Force(*def, use);
  return true;
}

void DefinitionScope::AddOwnNames(std::vector<std::string>& out) const {
  for (const auto& entry : defs_) out.push_back(entry.first);
}

}  // namespace kilter::compiler
