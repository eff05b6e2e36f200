#include "reconciler/providers/firewall/desired.h"

#include <algorithm>
#include <charconv>
#include <regex>

#include <fmt/format.h>

#include "reconciler/providers/firewall/meter.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

const char* const kHooks[] = {"prerouting", "input", "forward", "output", "postrouting"};
const char* const kCtStates[] = {"new", "established", "related", "invalid", "untracked"};
const char* const kPortProtocols[] = {"tcp", "udp", "sctp", "udplite"};
const char* const kRateUnits[] = {"second", "minute", "hour", "day", "week"};

template <size_t N>
bool OneOf(const std::string& value, const char* const (&list)[N]) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

/// Fails with the resource's address, so the user finds the spec to fix.
[[noreturn]] void Fail(const catalog::Resource& r, const std::string& message) {
  throw ProviderError(fmt::format("{}: {}", r.Address(), message));
}

/// A field that is absent, null, false or an empty string/list counts as unset.
const json* Field(const catalog::Resource& r, const char* key) {
  auto it = r.fields.find(key);
  if (it == r.fields.end() || it->is_null()) return nullptr;
  if (it->is_string() && it->get<std::string>().empty()) return nullptr;
  if (it->is_array() && it->empty()) return nullptr;
  return &*it;
}

std::string String(const catalog::Resource& r, const char* key, std::string fallback = {}) {
  const json* v = Field(r, key);
  if (!v) return fallback;
  if (!v->is_string()) Fail(r, fmt::format("{} must be a string, not {}", key, v->dump()));
  return v->get<std::string>();
}

int ParsePort(const catalog::Resource& r, const char* key, const json& v) {
  int port = -1;
  if (v.is_number_integer()) {
    port = v.get<int>();
  } else if (v.is_string()) {
    const std::string s = v.get<std::string>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), port);
    if (ec != std::errc() || end != s.data() + s.size()) port = -1;
  }
  if (port < 0 || port > 65535) Fail(r, fmt::format("{}: {} is not a port", key, v.dump()));
  return port;
}

void AddPorts(const catalog::Resource& r, const char* key, const json& v,
              std::vector<PortRange>& out) {
  if (v.is_array()) {
    for (const json& item : v) AddPorts(r, key, item, out);
    return;
  }
  if (v.is_object() && v.contains("from") && v.contains("to")) {
    PortRange range{ParsePort(r, key, v["from"]), ParsePort(r, key, v["to"])};
    if (range.from > range.to) Fail(r, fmt::format("{}: range {} runs backwards", key, v.dump()));
    out.push_back(range);
    return;
  }
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (auto dash = s.find('-'); dash != std::string::npos) {
      AddPorts(r, key, json{{"from", s.substr(0, dash)}, {"to", s.substr(dash + 1)}}, out);
      return;
    }
  }
  int port = ParsePort(r, key, v);
  out.push_back({port, port});
}

std::vector<PortRange> Ports(const catalog::Resource& r, const char* key) {
  const json* v = Field(r, key);
  if (!v) return {};
  std::vector<PortRange> out;
  AddPorts(r, key, *v, out);
  return NormalizePorts(std::move(out));
}

std::optional<AddressMatch> Address(const catalog::Resource& r, const char* key) {
  std::string text = String(r, key);
  if (text.empty()) return std::nullopt;
  AddressMatch match;
  if (text[0] == '@') {
    match.set = text.substr(1);
    if (!IsValidObjectName(match.set)) Fail(r, fmt::format("{}: \"{}\" is no set name", key, text));
    return match;
  }
  auto prefix = Prefix::Parse(text);
  if (!prefix) Fail(r, fmt::format("{}: \"{}\" is neither an address, a network nor @set", key, text));
  match.prefix = *prefix;
  return match;
}

std::optional<Limit> ParseLimit(const catalog::Resource& r) {
  const json* v = Field(r, "limit");
  if (!v) return std::nullopt;
  std::string rate;
  std::optional<int> burst;
  if (v->is_object()) {
    if (v->contains("rate") && (*v)["rate"].is_string()) rate = (*v)["rate"].get<std::string>();
    if (v->contains("burst") && (*v)["burst"].is_number_integer()) burst = (*v)["burst"].get<int>();
  } else if (v->is_string()) {
    rate = v->get<std::string>();
  }
  static const std::regex kRate(R"(^\s*(\d+)\s*/\s*([a-z]+)\s*(?:burst\s+(\d+)(?:\s+packets)?)?\s*$)");
  std::smatch m;
  if (!std::regex_match(rate, m, kRate) || !OneOf(m[2].str(), kRateUnits)) {
    Fail(r, fmt::format("limit: {} is not a rate like \"10/second\" (second, minute, hour, day, "
                        "week), optionally with a burst",
                        v->dump()));
  }
  Limit limit;
  limit.rate = std::stoi(m[1].str());
  limit.per = m[2].str();
  if (m[3].matched) limit.burst = std::stoi(m[3].str());
  if (burst) limit.burst = *burst;
  if (limit.rate <= 0 || limit.burst <= 0) Fail(r, "limit: rate and burst must be positive");
  if (v->is_object() && v->contains("per")) {
    const json& per = (*v)["per"];
    if (per != "rule" && per != "source") {
      Fail(r, fmt::format("limit.per: {} is not \"rule\" or \"source\"", per.dump()));
    }
    limit.per_source = per == "source";
  }
  return limit;
}

std::optional<int> ParseConnections(const catalog::Resource& r) {
  const json* v = Field(r, "connections");
  if (!v) return std::nullopt;
  const json max = v->is_object() ? v->value("max", json()) : json();
  if (!max.is_number_integer() || max.get<long long>() < 1 || max.get<long long>() > 1000000) {
    Fail(r, fmt::format("connections: {} needs max, a count from 1 to 1000000", v->dump()));
  }
  if (v->value("per", json("source")) != "source") {
    Fail(r, fmt::format("connections.per: {} is not \"source\"", (*v)["per"].dump()));
  }
  return max.get<int>();
}

void CheckInterface(const catalog::Resource& r, const char* key, const std::string& name) {
  static const std::regex kIface(R"(^[A-Za-z0-9_.:+@-]{1,15}\*?$)");
  if (!name.empty() && !std::regex_match(name, kIface)) {
    Fail(r, fmt::format("{}: \"{}\" is not an interface name (up to 15 characters, a trailing * "
                        "matches a prefix)",
                        key, name));
  }
}

Rule BuildRule(const catalog::Resource& r) {
  Rule rule;
  rule.resource = &r;
  rule.name = r.name;
  if (r.name.empty() || r.name.size() + std::string(kMark).size() > 128 ||
      r.name.find_first_of("\"\\\n") != std::string::npos) {
    Fail(r, "a firewall.rule name must be 1-121 characters without quotes or backslashes (it is "
            "the rule's comment in nftables)");
  }
  rule.chain = String(r, "chain");
  if (!IsValidObjectName(rule.chain)) Fail(r, fmt::format("chain: \"{}\" is no chain name", rule.chain));
  rule.iif = String(r, "iif");
  rule.oif = String(r, "oif");
  CheckInterface(r, "iif", rule.iif);
  CheckInterface(r, "oif", rule.oif);
  rule.saddr = Address(r, "saddr");
  rule.daddr = Address(r, "daddr");
  rule.proto = String(r, "proto");
  rule.sport = Ports(r, "sport");
  rule.dport = Ports(r, "dport");
  if ((!rule.sport.empty() || !rule.dport.empty()) && !OneOf(rule.proto, kPortProtocols)) {
    Fail(r, fmt::format("sport/dport need proto tcp, udp, sctp or udplite, not \"{}\"", rule.proto));
  }
  if (const json* states = Field(r, "ct_state")) {
    json list = states->is_array() ? *states : json::array({*states});
    for (const json& s : list) {
      if (!s.is_string() || !OneOf(s.get<std::string>(), kCtStates)) {
        Fail(r, fmt::format("ct_state: {} is not one of new, established, related, invalid, "
                            "untracked",
                            s.dump()));
      }
      rule.ct_state.push_back(s.get<std::string>());
    }
    std::sort(rule.ct_state.begin(), rule.ct_state.end());
    rule.ct_state.erase(std::unique(rule.ct_state.begin(), rule.ct_state.end()), rule.ct_state.end());
  }
  rule.limit = ParseLimit(r);
  rule.connections = ParseConnections(r);
  if (const json* c = Field(r, "counter")) rule.counter = c->is_boolean() && c->get<bool>();
  if (const json* l = Field(r, "log")) {
    if (l->is_string()) rule.log = l->get<std::string>();
    else if (l->is_boolean() && l->get<bool>()) rule.log = "";
    if (rule.log && rule.log->find_first_of("\"\\\n") != std::string::npos) {
      Fail(r, "log: the prefix must not contain quotes or backslashes");
    }
  }
  rule.action = String(r, "action", "accept");
  if (rule.action == "jump") {
    rule.target = String(r, "target");
    if (!IsValidObjectName(rule.target)) Fail(r, "action \"jump\" needs target, the chain to jump to");
  } else if (rule.action != "accept" && rule.action != "drop" && rule.action != "reject") {
    Fail(r, fmt::format("action: \"{}\" is not accept, drop, reject or jump", rule.action));
  }
  return rule;
}

Chain BuildChain(const catalog::Resource& r) {
  Chain chain;
  chain.resource = &r;
  chain.name = r.name;
  if (!IsValidObjectName(chain.name)) Fail(r, "a chain name must be letters, digits, _ or -");
  chain.hook = String(r, "hook");
  if (!chain.hook.empty() && !IsHook(chain.hook)) {
    Fail(r, fmt::format("hook: \"{}\" is not prerouting, input, forward, output or postrouting",
                        chain.hook));
  }
  chain.type = String(r, "type", "filter");
  chain.policy = String(r, "policy", "accept");
  if (chain.policy != "accept" && chain.policy != "drop") {
    Fail(r, fmt::format("policy: \"{}\" is not accept or drop", chain.policy));
  }
  if (const json* p = Field(r, "priority")) {
    if (!p->is_number_integer()) Fail(r, "priority must be an integer");
    chain.priority = p->get<int>();
  }
  return chain;
}

std::string DesiredElement(const catalog::Resource& r, const std::string& type, const json& v) {
  if (type == "inet_service") {
    std::vector<PortRange> ports;
    AddPorts(r, "elements", v, ports);
    return PortsToJson(ports).dump();
  }
  if (!v.is_string()) Fail(r, fmt::format("elements: {} is not an address", v.dump()));
  auto prefix = Prefix::Parse(v.get<std::string>());
  if (!prefix || (prefix->family == 4) != (type == "ipv4_addr")) {
    Fail(r, fmt::format("elements: {} is not an {} address or network", v.dump(),
                        type == "ipv4_addr" ? "IPv4" : "IPv6"));
  }
  return prefix->ToString();
}

Set BuildSet(const catalog::Resource& r) {
  Set set;
  set.resource = &r;
  set.name = r.name;
  if (!IsValidObjectName(set.name)) Fail(r, "a set name must be letters, digits, _ or -");
  if (set.name.rfind(kMeterPrefix, 0) == 0) {
    Fail(r, fmt::format("set names starting with \"{}\" are kilter's own (the meters of per-source "
                        "limits)",
                        kMeterPrefix));
  }
  set.type = String(r, "type");
  if (set.type != "ipv4_addr" && set.type != "ipv6_addr" && set.type != "inet_service") {
    Fail(r, fmt::format("type: \"{}\" is not ipv4_addr, ipv6_addr or inet_service", set.type));
  }
  if (const json* flags = Field(r, "flags")) {
    for (const json& f : *flags) {
      if (!f.is_string() || (f != "interval" && f != "timeout")) {
        Fail(r, fmt::format("flags: {} is not interval or timeout", f.dump()));
      }
      set.flags.push_back(f.get<std::string>());
    }
  }
  if (const json* d = Field(r, "dynamic")) set.dynamic = d->is_boolean() && d->get<bool>();
  if (const json* elements = Field(r, "elements")) {
    for (const json& e : *elements) {
      std::string canonical = DesiredElement(r, set.type, e);
      // A network or a port range needs an interval set; nft refuses it otherwise.
      if (canonical.find_first_of("/-") != std::string::npos) set.flags.push_back("interval");
      set.elements.push_back(canonical);
    }
  }
  std::sort(set.flags.begin(), set.flags.end());
  set.flags.erase(std::unique(set.flags.begin(), set.flags.end()), set.flags.end());
  std::sort(set.elements.begin(), set.elements.end());
  set.elements.erase(std::unique(set.elements.begin(), set.elements.end()), set.elements.end());
  return set;
}

/// The families a rule's per-source meters key on: the one its addresses,
/// its protocol or the table pin, else both.
std::vector<int> KeyFamilies(const Rule& rule, int address_family, const std::string& table_family) {
  if (!(rule.limit && rule.limit->per_source) && !rule.connections) return {};
  if (address_family) return {address_family};
  if (table_family == "ip") return {4};
  if (table_family == "ip6") return {6};
  if (rule.proto == "icmp") return {4};
  if (rule.proto == "icmpv6") return {6};
  return {4, 6};
}

/// Checks what only the whole table can tell (set and jump references,
/// address families) and gives each rule the families its meters key on.
void CheckReferences(Table& table) {
  for (Chain& chain : table.chains) {
    for (Rule& rule : chain.rules) {
      const catalog::Resource& r = *rule.resource;
      int family = 0;
      for (const auto* match : {&rule.saddr, &rule.daddr}) {
        if (!*match) continue;
        int f = (*match)->prefix.family;
        if (!(*match)->set.empty()) {
          const Set* set = table.FindSet((*match)->set);
          if (!set) Fail(r, fmt::format("no firewall.set \"{}\" on this host", (*match)->set));
          if (set->type == "inet_service") {
            Fail(r, fmt::format("set \"{}\" holds ports, not addresses", set->name));
          }
          f = set->type == "ipv4_addr" ? 4 : 6;
        }
        if (family && f != family) Fail(r, "saddr and daddr are of different address families");
        family = f;
      }
      if ((table.family == "ip" && family == 6) || (table.family == "ip6" && family == 4)) {
        Fail(r, fmt::format("an IPv{} address cannot match in table {}", family, table.Id()));
      }
      rule.key_families = KeyFamilies(rule, family, table.family);
      if (rule.action == "jump") {
        const Chain* target = table.FindChain(rule.target);
        if (!target) Fail(r, fmt::format("target: no chain \"{}\" on this host", rule.target));
        if (!target->hook.empty()) {
          Fail(r, fmt::format("target: \"{}\" is a base chain (hook {}); jump only to chains "
                              "without a hook",
                              rule.target, target->hook));
        }
      }
    }
  }
}

}  // namespace

bool IsHook(const std::string& name) { return OneOf(name, kHooks); }

bool IsValidObjectName(const std::string& name) {
  static const std::regex kName(R"(^[A-Za-z_][A-Za-z0-9_-]{0,63}$)");
  return std::regex_match(name, kName);
}

Table ParseTableSetting(const std::string& host, const std::string& setting) {
  Table table;
  auto space = setting.find(' ');
  table.family = setting.substr(0, space);
  table.name = space == std::string::npos ? "" : setting.substr(space + 1);
  if ((table.family != "inet" && table.family != "ip" && table.family != "ip6") ||
      !IsValidObjectName(table.name)) {
    throw ProviderError(fmt::format(
        "{}: [providers.\"firewall\"] table = \"{}\" is not FAMILY NAME (family inet, ip or ip6)",
        host, setting));
  }
  return table;
}

Table BuildDesired(const std::string& host, const std::string& table_setting,
                   const std::vector<const catalog::Resource*>& resources) {
  Table table = ParseTableSetting(host, table_setting);
  for (const catalog::Resource* r : resources) {
    if (r->type == "firewall.set") table.sets.push_back(BuildSet(*r));
    if (r->type == "firewall.chain") table.chains.push_back(BuildChain(*r));
  }
  for (const catalog::Resource* r : resources) {
    if (r->type != "firewall.rule") continue;
    Rule rule = BuildRule(*r);
    auto it = std::find_if(table.chains.begin(), table.chains.end(),
                           [&](const Chain& c) { return c.name == rule.chain; });
    if (it == table.chains.end()) {
      Chain chain;
      chain.name = rule.chain;
      if (IsHook(rule.chain)) chain.hook = rule.chain;
      chain.first_user = r;
      table.chains.push_back(std::move(chain));
      it = table.chains.end() - 1;
    }
    it->rules.push_back(std::move(rule));
  }
  CheckReferences(table);
  for (const Chain& chain : table.chains) {
    for (const Rule& rule : chain.rules) {
      for (Set& meter : MeterSets(rule)) table.sets.push_back(std::move(meter));
    }
  }
  return table;
}

}  // namespace kilter::reconciler::firewall
