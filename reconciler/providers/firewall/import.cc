#include "reconciler/providers/firewall/import.h"

#include <algorithm>

#include <fmt/format.h>

namespace kilter::reconciler::firewall {

namespace {

kit::SpecValue PortsOf(const std::vector<PortRange>& ports) {
  std::vector<kit::SpecValue> items;
  for (const PortRange& p : ports) {
    items.push_back(p.from == p.to ? kit::SpecValue::Int(p.from)
                                   : kit::SpecValue::Range(p.from, p.to));
  }
  return items.size() == 1 ? items.front() : kit::SpecValue::List(items);
}

std::vector<kit::SpecValue> Strings(const std::vector<std::string>& items) {
  std::vector<kit::SpecValue> out;
  for (const std::string& s : items) out.push_back(kit::SpecValue::String(s));
  return out;
}

/// A chain that a rule naming it would make by itself: hooked on its name,
/// filter, priority 0, policy accept.
bool Implicit(const Chain& c) {
  return c.hook == c.name && c.type == "filter" && c.priority == 0 && c.policy == "accept" &&
         !c.rules.empty();
}

kit::SpecResource ChainResource(const std::string& host, const Chain& c) {
  kit::SpecResource r{"firewall.chain", c.name, host, {}, ""};
  if (!c.hook.empty()) r.fields.push_back({"hook", kit::SpecValue::String(c.hook), ""});
  if (c.type != "filter") r.fields.push_back({"type", kit::SpecValue::String(c.type), ""});
  if (c.priority != 0) r.fields.push_back({"priority", kit::SpecValue::Int(c.priority), ""});
  if (c.policy != "accept") r.fields.push_back({"policy", kit::SpecValue::String(c.policy), ""});
  return r;
}

kit::SpecResource SetResource(const std::string& host, const Set& s) {
  kit::SpecResource r{"firewall.set", s.name, host,
                      {{"type", kit::SpecValue::String(s.type), ""}}, ""};
  if (!s.elements.empty()) {
    r.fields.push_back({"elements", kit::SpecValue::List(Strings(s.elements)), ""});
  }
  if (!s.flags.empty()) r.fields.push_back({"flags", kit::SpecValue::List(Strings(s.flags)), ""});
  return r;
}

kit::SpecResource RuleResource(const std::string& host, const Rule& rule) {
  kit::SpecResource r{"firewall.rule", rule.name, host,
                      {{"chain", kit::SpecValue::String(rule.chain), ""}}, ""};
  auto add = [&](const char* field, kit::SpecValue value) {
    r.fields.push_back({field, std::move(value), ""});
  };
  if (!rule.iif.empty()) add("iif", kit::SpecValue::String(rule.iif));
  if (!rule.oif.empty()) add("oif", kit::SpecValue::String(rule.oif));
  if (rule.saddr) add("saddr", kit::SpecValue::String(rule.saddr->ToString()));
  if (rule.daddr) add("daddr", kit::SpecValue::String(rule.daddr->ToString()));
  if (!rule.proto.empty()) add("proto", kit::SpecValue::String(rule.proto));
  if (!rule.sport.empty()) add("sport", PortsOf(rule.sport));
  if (!rule.dport.empty()) add("dport", PortsOf(rule.dport));
  if (!rule.ct_state.empty()) add("ct_state", kit::SpecValue::List(Strings(rule.ct_state)));
  if (rule.limit) {
    std::vector<kit::SpecEntry> limit = {
        {"rate", kit::SpecValue::String(fmt::format("{}/{}", rule.limit->rate, rule.limit->per)), ""},
        {"burst", kit::SpecValue::Int(rule.limit->burst), ""}};
    if (rule.limit->per_source) limit.push_back({"per", kit::SpecValue::String("source"), ""});
    add("limit", kit::SpecValue::Object(std::move(limit)));
  }
  if (rule.connections) {
    add("connections", kit::SpecValue::Object({{"max", kit::SpecValue::Int(*rule.connections), ""},
                                               {"per", kit::SpecValue::String("source"), ""}}));
  }
  if (rule.counter) add("counter", kit::SpecValue::Bool(true));
  if (rule.log) add("log", kit::SpecValue::String(*rule.log));
  if (rule.action != "accept") add("action", kit::SpecValue::String(rule.action));
  if (!rule.target.empty()) add("target", kit::SpecValue::String(rule.target));
  return r;
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"chain", "a chain of kilter's table, with its rules (default: the whole table)"}};
}

kit::SpecFile ImportedTable(const std::string& host, const LiveTable& live,
                            const std::vector<std::string>& chains,
                            const std::set<std::string>& declared) {
  kit::SpecFile out;
  auto wanted = [&](const std::string& chain) {
    return chains.empty() || std::find(chains.begin(), chains.end(), chain) != chains.end();
  };
  for (const std::string& f : live.foreign) {
    out.notes += fmt::format("not imported: {}: kilter never makes it\n", f);
  }
  if (chains.empty()) {
    for (const Set& s : live.table.sets) {
      // A meter comes back with its rule's limit, not as a set.
      if (!s.meter && !declared.count(s.name)) out.resources.push_back(SetResource(host, s));
    }
  }
  for (const Chain& c : live.table.chains) {
    if (!wanted(c.name)) continue;
    if (!Implicit(c) && !declared.count(c.name)) out.resources.push_back(ChainResource(host, c));
    for (const Rule& rule : c.rules) {
      if (rule.name.empty() || !rule.unknown.empty() || rule.action.empty()) {
        out.notes += fmt::format(
            "not imported: a rule of chain {} (handle {}): {}\n", c.name, rule.handle,
            rule.name.empty() ? "it has no kilter mark in its comment"
                              : "it has matches or statements kilter never writes");
        continue;
      }
      if (!declared.count(rule.name)) out.resources.push_back(RuleResource(host, rule));
    }
  }
  return out;
}

}  // namespace kilter::reconciler::firewall
