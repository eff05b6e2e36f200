#include "reconciler/apply/order.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace kilter::reconciler {

std::vector<Batch> OrderBatches(const std::vector<std::vector<Change>>& changes,
                                const catalog::Catalog& catalog, const std::string& host) {
  // Nodes: every resource of the host, in spec order.
  std::vector<const catalog::Resource*> nodes;
  std::map<std::string, size_t> index;
  for (const catalog::Resource& r : catalog.resources) {
    if (r.host != host) continue;
    index[r.Address()] = nodes.size();
    nodes.push_back(&r);
  }
  std::vector<std::vector<OrderedChange>> at(nodes.size());
  std::vector<OrderedChange> undeclared;
  for (size_t p = 0; p < changes.size(); ++p) {
    for (const Change& c : changes[p]) {
      if (c.kind == ChangeKind::kNothing) continue;
      auto it = index.find(c.Address());
      if (it == index.end()) undeclared.push_back({p, &c});
      else at[it->second].push_back({p, &c});
    }
  }
  std::vector<std::set<size_t>> out_edges(nodes.size());
  std::vector<size_t> indegree(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    for (const std::string& dep : nodes[i]->after) {
      auto it = index.find(dep);
      if (it == index.end() || it->second == i) continue;  // another host, or itself
      if (out_edges[it->second].insert(i).second) ++indegree[i];
    }
  }
  // Kahn's algorithm; among ready nodes prefer the provider of the last
  // change taken (fewer, larger batches), then spec order.
  std::set<size_t> ready;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (indegree[i] == 0) ready.insert(i);
  }
  std::vector<OrderedChange> order;
  size_t taken = 0;
  while (!ready.empty()) {
    auto pick = ready.begin();
    if (!order.empty()) {
      for (auto it = ready.begin(); it != ready.end(); ++it) {
        if (!at[*it].empty() && at[*it][0].provider == order.back().provider) {
          pick = it;
          break;
        }
      }
    }
    size_t n = *pick;
    ready.erase(pick);
    ++taken;
    order.insert(order.end(), at[n].begin(), at[n].end());
    for (size_t next : out_edges[n]) {
      if (--indegree[next] == 0) ready.insert(next);
    }
  }
  if (taken < nodes.size()) {
    std::string cycle;
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (indegree[i] > 0) cycle += (cycle.empty() ? "" : ", ") + nodes[i]->Address();
    }
    throw std::invalid_argument("dependency cycle between " + cycle);
  }
  order.insert(order.end(), undeclared.begin(), undeclared.end());

  std::vector<Batch> batches;
  for (const OrderedChange& oc : order) {
    if (batches.empty() || batches.back().provider != oc.provider) {
      batches.push_back({oc.provider, {}});
    }
    batches.back().changes.push_back(*oc.change);
  }
  return batches;
}

}  // namespace kilter::reconciler
