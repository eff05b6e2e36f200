#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/inventory/inventory.h"

namespace kilter::compiler {

/// The inventory's host and group names, for checking host lists.
class HostTable {
 public:
  explicit HostTable(const Inventory* inventory);

  bool IsHost(const std::string& name) const { return hosts_.count(name) > 0; }
  /// The members of an inventory group, or null.
  const std::vector<std::string>* Group(const std::string& name) const;
  /// Hosts and groups, for did-you-mean.
  const std::vector<std::string>& Names() const { return names_; }
  bool empty() const { return hosts_.empty(); }

 private:
  std::unordered_set<std::string> hosts_;
  std::unordered_map<std::string, std::vector<std::string>> groups_;
  std::vector<std::string> names_;
};

}  // namespace kilter::compiler
