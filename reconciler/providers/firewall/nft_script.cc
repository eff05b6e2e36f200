#include "reconciler/providers/firewall/nft_script.h"

#include <set>

#include <fmt/format.h>

#include "reconciler/providers/firewall/meter.h"
#include "reconciler/providers/firewall/nft_json.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

std::string Ports(const std::vector<PortRange>& ports) {
  auto one = [](const PortRange& p) {
    return p.from == p.to ? std::to_string(p.from) : fmt::format("{}-{}", p.from, p.to);
  };
  if (ports.size() == 1) return one(ports[0]);
  std::string out = "{ ";
  for (size_t i = 0; i < ports.size(); ++i) out += (i ? ", " : "") + one(ports[i]);
  return out + " }";
}

std::string AddressMatchText(const AddressMatch& m, const char* field, const Table& table) {
  int family = m.prefix.family;
  if (!m.set.empty()) {
    const Set* set = table.FindSet(m.set);
    family = set && set->type == "ipv6_addr" ? 6 : 4;
  }
  return fmt::format("{} {} {}", family == 4 ? "ip" : "ip6", field, m.ToString());
}

/// One live element as nft reads it back, timeout and expiry included, so a
/// dynamic set's entries (a fail2ban ban) keep their remaining lifetime.
std::string ElementText(const json& e) {
  if (e.is_number_integer()) return std::to_string(e.get<int>());
  if (e.is_string()) return e.get<std::string>();
  if (e.contains("prefix")) {
    return fmt::format("{}/{}", e["prefix"].value("addr", ""), e["prefix"].value("len", 0));
  }
  if (e.contains("range")) return ElementText(e["range"][0]) + "-" + ElementText(e["range"][1]);
  if (e.contains("elem")) {
    const json& elem = e["elem"];
    std::string out = ElementText(elem.value("val", json()));
    if (elem.contains("timeout")) out += fmt::format(" timeout {}s", elem["timeout"].get<long>());
    if (elem.contains("expires")) out += fmt::format(" expires {}s", elem["expires"].get<long>());
    return out;
  }
  return e.dump();
}

/// The elements a set is written with: a dynamic set's live ones first,
/// then the declared ones; none for a meter (its run-time state).
std::vector<std::string> Elements(const Set& set, const Set* live) {
  std::vector<std::string> elements;
  if (set.meter) return elements;
  std::set<std::string> seen;
  if (set.dynamic && live) {
    for (const json& e : live->live_elements) {
      if (seen.insert(CanonicalElement(e, set.type)).second) elements.push_back(ElementText(e));
    }
  }
  for (const std::string& e : set.elements) {
    // Port ranges are canonical as JSON text ("\"8000-8100\""); nft wants them bare.
    std::string text = e.front() == '"' ? json::parse(e).get<std::string>() : e;
    if (seen.insert(e).second) elements.push_back(text);
  }
  return elements;
}

std::string RenderSet(const Set& set, const Set* live) {
  const std::vector<std::string> elements = Elements(set, live);
  std::string out = fmt::format("\tset {} {{\n\t\ttype {}\n", set.name, set.type);
  if (set.size) out += fmt::format("\t\tsize {}\n", set.size);
  std::vector<std::string> flags = set.flags;
  // A meter is filled by the rules; nft's JSON never lists the flag, so it is added only here.
  if (set.meter) flags.insert(flags.begin(), "dynamic");
  if (!flags.empty()) out += fmt::format("\t\tflags {}\n", fmt::join(flags, ", "));
  if (set.timeout) out += fmt::format("\t\ttimeout {}s\n", set.timeout);
  if (!elements.empty()) out += fmt::format("\t\telements = {{ {} }}\n", fmt::join(elements, ", "));
  return out + "\t}\n";
}

std::string RenderChain(const Chain& chain, const Table& table) {
  std::string out = fmt::format("\tchain {} {{\n", chain.name);
  if (!chain.hook.empty()) {
    out += fmt::format("\t\ttype {} hook {} priority {}; policy {};\n", chain.type, chain.hook,
                       chain.priority, chain.policy);
  }
  for (const Rule& rule : chain.rules) {
    if (rule.key_families.empty()) out += "\t\t" + RenderRule(rule, table, 0) + "\n";
    for (int family : rule.key_families) out += "\t\t" + RenderRule(rule, table, family) + "\n";
  }
  return out + "\t}\n";
}

}  // namespace

std::string RenderRule(const Rule& rule, const Table& table, int key_family) {
  std::vector<std::string> parts;
  if (!rule.iif.empty()) parts.push_back(fmt::format("iifname \"{}\"", rule.iif));
  if (!rule.oif.empty()) parts.push_back(fmt::format("oifname \"{}\"", rule.oif));
  if (rule.saddr) parts.push_back(AddressMatchText(*rule.saddr, "saddr", table));
  if (rule.daddr) parts.push_back(AddressMatchText(*rule.daddr, "daddr", table));
  if (!rule.sport.empty() || !rule.dport.empty()) {
    // `tcp dport` implies the protocol; nft adds the l4proto match itself.
    if (!rule.sport.empty()) parts.push_back(fmt::format("{} sport {}", rule.proto, Ports(rule.sport)));
    if (!rule.dport.empty()) parts.push_back(fmt::format("{} dport {}", rule.proto, Ports(rule.dport)));
  } else if (!rule.proto.empty()) {
    parts.push_back(fmt::format("meta l4proto {}", rule.proto == "icmpv6" ? "ipv6-icmp" : rule.proto));
  }
  if (rule.ct_state.size() == 1) parts.push_back("ct state " + rule.ct_state[0]);
  if (rule.ct_state.size() > 1) {
    parts.push_back(fmt::format("ct state {{ {} }}", fmt::join(rule.ct_state, ", ")));
  }
  if (key_family) {
    for (std::string& s : MeterStatements(rule, key_family)) parts.push_back(std::move(s));
  }
  if (rule.limit && !rule.limit->per_source) {
    parts.push_back(fmt::format("limit rate {}/{} burst {} packets", rule.limit->rate,
                                rule.limit->per, rule.limit->burst));
  }
  if (rule.counter) parts.push_back("counter");
  if (rule.log) {
    parts.push_back(rule.log->empty() ? "log" : fmt::format("log prefix \"{}\"", *rule.log));
  }
  parts.push_back(rule.action == "jump" ? "jump " + rule.target : rule.action);
  parts.push_back(fmt::format("comment \"{}{}\"", kMark, rule.name));
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string RenderTransaction(const Table& desired, const Table* live) {
  std::string out = fmt::format("table {0} {{}}\ndelete table {0}\ntable {0} {{\n", desired.Id());
  for (const Set& set : desired.sets) {
    out += RenderSet(set, live ? live->FindSet(set.name) : nullptr);
  }
  for (const Chain& chain : desired.chains) out += RenderChain(chain, desired);
  return out + "}\n";
}

std::string RenderRestore(const Table& table, const std::string& saved) {
  return fmt::format("table {0} {{}}\ndelete table {0}\n{1}", table.Id(), saved);
}

}  // namespace kilter::reconciler::firewall
