#include "compiler/sema/hosts.h"

namespace kilter::compiler {

HostTable::HostTable(const Inventory* inventory) {
  if (!inventory) return;
  for (const catalog::Host& h : inventory->hosts) {
    hosts_.insert(h.name);
    names_.push_back(h.name);
  }
  for (const auto& [name, members] : inventory->groups) {
    groups_.emplace(name, members);
    names_.push_back(name);
  }
}

const std::vector<std::string>* HostTable::Group(const std::string& name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

}  // namespace kilter::compiler
