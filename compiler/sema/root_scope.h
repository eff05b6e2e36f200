#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/conform.h"
#include "compiler/sema/scope.h"

namespace kilter::compiler {

/// The outermost scope: `null` (the value of an optional field that is not
/// set, for schema checks) and, when `hosts` is given, the inventory's groups
/// and hosts, so `on web + db1` works without declaring them in the spec.
class RootScope : public Scope {
 public:
  explicit RootScope(const HostTable* hosts) : Scope(nullptr), hosts_(hosts) {}

 protected:
  bool Find(const std::string& name, Span use, std::optional<Value>& out) override {
    if (name == "null") {
      out = Value::Null(use);
      return true;
    }
    if (!hosts_) return false;
    if (const std::vector<std::string>* members = hosts_->Group(name)) {
      ValueList list;
      for (const std::string& m : *members) list.push_back(Value::String(m, use));
      out = Value::Group(std::move(list), use);
      return true;
    }
    if (hosts_->IsHost(name)) {
      out = Value::Group({Value::String(name, use)}, use);
      return true;
    }
    return false;
  }
  bool Defines(const std::string& name) const override {
    return name == "null" || (hosts_ && (hosts_->IsHost(name) || hosts_->Group(name)));
  }
  void AddOwnNames(std::vector<std::string>& out) const override {
    out.push_back("null");
    if (hosts_) out.insert(out.end(), hosts_->Names().begin(), hosts_->Names().end());
  }

 private:
  const HostTable* hosts_;
};

}  // namespace kilter::compiler
