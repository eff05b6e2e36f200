#include "reconciler/providers/firewall/ruleset.h"

#include <algorithm>

namespace kilter::reconciler::firewall {

using nlohmann::json;

std::string AddressMatch::ToString() const {
  return set.empty() ? prefix.ToString() : "@" + set;
}

std::string Limit::ToString() const {
  return std::to_string(rate) + "/" + per + " burst " + std::to_string(burst) +
         (per_source ? " per source" : "");
}

const Chain* Table::FindChain(const std::string& wanted) const {
  for (const Chain& c : chains) {
    if (c.name == wanted) return &c;
  }
  return nullptr;
}

const Set* Table::FindSet(const std::string& wanted) const {
  for (const Set& s : sets) {
    if (s.name == wanted) return &s;
  }
  return nullptr;
}

std::vector<PortRange> NormalizePorts(std::vector<PortRange> ports) {
  std::sort(ports.begin(), ports.end(),
            [](const PortRange& a, const PortRange& b) { return a.from < b.from; });
  std::vector<PortRange> merged;
  for (const PortRange& p : ports) {
    if (!merged.empty() && p.from <= merged.back().to + 1) {
      merged.back().to = std::max(merged.back().to, p.to);
    } else {
      merged.push_back(p);
    }
  }
  return merged;
}

json PortsToJson(const std::vector<PortRange>& ports) {
  auto one = [](const PortRange& p) -> json {
    if (p.from == p.to) return p.from;
    return std::to_string(p.from) + "-" + std::to_string(p.to);
  };
  if (ports.size() == 1) return one(ports[0]);
  json list = json::array();
  for (const PortRange& p : ports) list.push_back(one(p));
  return list;
}

json ToJson(const Rule& rule) {
  json out = json::object();
  out["chain"] = rule.chain;
  if (!rule.iif.empty()) out["iif"] = rule.iif;
  if (!rule.oif.empty()) out["oif"] = rule.oif;
  if (rule.saddr) out["saddr"] = rule.saddr->ToString();
  if (rule.daddr) out["daddr"] = rule.daddr->ToString();
  if (!rule.proto.empty()) out["proto"] = rule.proto;
  if (!rule.sport.empty()) out["sport"] = PortsToJson(rule.sport);
  if (!rule.dport.empty()) out["dport"] = PortsToJson(rule.dport);
  if (!rule.ct_state.empty()) out["ct_state"] = rule.ct_state;
  if (rule.limit) out["limit"] = rule.limit->ToString();
  if (rule.connections) out["connections"] = std::to_string(*rule.connections) + " per source";
  if (!rule.key_families.empty()) {
    json families = json::array();
    for (int f : rule.key_families) families.push_back(f == 4 ? "ipv4" : "ipv6");
    out["per_source_families"] = families;
  }
  if (rule.counter) out["counter"] = true;
  if (rule.log) out["log"] = *rule.log;
  out["action"] = rule.action;
  if (!rule.target.empty()) out["target"] = rule.target;
  if (!rule.unknown.empty()) out["unknown"] = rule.unknown;
  return out;
}

json ToJson(const Chain& chain) {
  if (chain.hook.empty()) return {{"hook", nullptr}};
  return {{"hook", chain.hook},
          {"type", chain.type},
          {"priority", chain.priority},
          {"policy", chain.policy}};
}

json ToJson(const Set& set, bool with_elements) {
  json out = {{"type", set.type}, {"flags", set.flags}};
  if (set.size) out["size"] = set.size;
  if (set.timeout) out["timeout"] = set.timeout;
  if (with_elements) out["elements"] = set.elements;
  return out;
}

}  // namespace kilter::reconciler::firewall
