#include "reconciler/providers/firewall/nft_json.h"

#include <algorithm>
#include <stdexcept>

#include "reconciler/providers/firewall/meter.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

/// The nft spelling of protocols where it differs from the schema's.
std::string ProtoFromNft(const std::string& proto) {
  return proto == "ipv6-icmp" ? "icmpv6" : proto;
}

std::optional<AddressMatch> ParseAddress(const json& right) {
  AddressMatch match;
  if (right.is_string()) {
    const std::string s = right.get<std::string>();
    if (!s.empty() && s[0] == '@') {
      match.set = s.substr(1);
      return match;
    }
    auto p = Prefix::Parse(s);
    if (!p) return std::nullopt;
    match.prefix = *p;
    return match;
  }
  if (right.is_object() && right.contains("prefix")) {
    const json& pre = right["prefix"];
    if (!pre.value("addr", json()).is_string() || !pre.value("len", json()).is_number_integer()) {
      return std::nullopt;
    }
    auto p = Prefix::Parse(pre["addr"].get<std::string>() + "/" +
                           std::to_string(pre["len"].get<int>()));
    if (!p) return std::nullopt;
    match.prefix = *p;
    return match;
  }
  return std::nullopt;
}

bool AddPortValue(const json& v, std::vector<PortRange>& out) {
  if (v.is_number_integer()) {
    out.push_back({v.get<int>(), v.get<int>()});
    return true;
  }
  if (v.is_object() && v.contains("range") && v["range"].is_array() && v["range"].size() == 2 &&
      v["range"][0].is_number_integer() && v["range"][1].is_number_integer()) {
    out.push_back({v["range"][0].get<int>(), v["range"][1].get<int>()});
    return true;
  }
  if (v.is_object() && v.contains("set") && v["set"].is_array()) {
    for (const json& item : v["set"]) {
      if (!AddPortValue(item, out)) return false;
    }
    return true;
  }
  return false;
}

bool ParseStates(const json& right, std::vector<std::string>& out) {
  json list = right.is_object() && right.contains("set") ? right["set"]
              : right.is_array()                         ? right
                                                         : json::array({right});
  for (const json& s : list) {
    if (!s.is_string()) return false;
    out.push_back(s.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return true;
}

/// Folds one `match` expression into the rule; false when kilter never
/// writes such a match (it then stays in Rule::unknown).
bool ParseMatch(const json& m, Rule& rule) {
  const json& left = m.value("left", json());
  const json& right = m.value("right", json());
  const std::string op = m.value("op", "");
  if (left.contains("ct") && left["ct"].value("key", "") == "state" && (op == "in" || op == "==")) {
    return rule.ct_state.empty() && ParseStates(right, rule.ct_state);
  }
  if (op != "==") return false;
  if (left.contains("meta")) {
    const std::string key = left["meta"].value("key", "");
    if (!right.is_string()) return false;
    std::string* slot = key == "iifname" ? &rule.iif : key == "oifname" ? &rule.oif
                      : key == "l4proto" ? &rule.proto : nullptr;
    if (!slot || !slot->empty()) return false;
    *slot = key == "l4proto" ? ProtoFromNft(right.get<std::string>()) : right.get<std::string>();
    return true;
  }
  if (left.contains("payload")) {
    const std::string protocol = left["payload"].value("protocol", "");
    const std::string field = left["payload"].value("field", "");
    if ((protocol == "ip" || protocol == "ip6") && (field == "saddr" || field == "daddr")) {
      auto& slot = field == "saddr" ? rule.saddr : rule.daddr;
      if (slot) return false;
      slot = ParseAddress(right);
      return slot.has_value();
    }
    if (field == "sport" || field == "dport") {
      auto& slot = field == "sport" ? rule.sport : rule.dport;
      if (!slot.empty() || (!rule.proto.empty() && rule.proto != protocol)) return false;
      std::vector<PortRange> ports;
      if (!AddPortValue(right, ports)) return false;
      slot = NormalizePorts(std::move(ports));
      rule.proto = protocol;
      return true;
    }
  }
  return false;
}

/// `update @M { ip saddr limit ... }` or `add @M { ip6 saddr ct count N }`
/// into the rule's per-source limits; false for any other set statement,
/// or a meter that is not the one the rule's name and family give.
bool ParseMeter(const json& v, Rule& rule) {
  if (!v.is_object() || rule.name.empty()) return false;
  const json elem = v.value("elem", json());
  const json stmts = v.value("stmt", json());
  if (!elem.contains("payload") || !stmts.is_array() || stmts.size() != 1) return false;
  const std::string protocol = elem["payload"].value("protocol", "");
  if (elem["payload"].value("field", "") != "saddr" || (protocol != "ip" && protocol != "ip6")) {
    return false;
  }
  const int family = protocol == "ip" ? 4 : 6;
  if (!rule.key_families.empty() && rule.key_families != std::vector<int>{family}) return false;
  const std::string op = v.value("op", "");
  const json& stmt = stmts[0];
  const std::string set = v.value("set", "");
  if (op == "update" && stmt.contains("limit") && !rule.limit && !rule.connections) {
    const json& l = stmt["limit"];
    if (set != "@" + MeterSetName(rule.name, MeterKind::kRate, family) || l.value("inv", false) ||
        l.contains("rate_unit") || !l.value("rate", json()).is_number_integer()) {
      return false;
    }
    rule.limit = Limit{l["rate"].get<int>(), l.value("per", ""), l.value("burst", 5), true};
  } else if (op == "add" && stmt.contains("ct count") && !rule.connections) {
    const json& c = stmt["ct count"];
    if (set != "@" + MeterSetName(rule.name, MeterKind::kConnections, family) ||
        c.value("inv", false) || !c.value("val", json()).is_number_integer()) {
      return false;
    }
    rule.connections = c["val"].get<int>();
  } else {
    return false;
  }
  rule.key_families = {family};
  return true;
}

bool ParseStatement(const json& e, Rule& rule) {
  if (!e.is_object() || e.size() != 1) return false;
  const std::string key = e.begin().key();
  const json& v = e.begin().value();
  if (!rule.action.empty()) return false;  // nothing kilter writes follows the verdict
  if (key == "match") return ParseMatch(v, rule);
  if (key == "counter") return !rule.counter && (rule.counter = true);
  if (key == "set") return ParseMeter(v, rule);
  if (key == "limit") {
    if (rule.limit || !v.is_object() || v.value("inv", false) || v.contains("rate_unit") ||
        !v.value("rate", json()).is_number_integer()) {
      return false;
    }
    rule.limit = Limit{v["rate"].get<int>(), v.value("per", ""), v.value("burst", 5)};
    return true;
  }
  if (key == "log") {
    if (rule.log) return false;
    if (v.is_null()) {
      rule.log = "";
      return true;
    }
    if (!v.is_object() || v.size() != 1 || !v.contains("prefix")) return false;
    rule.log = v["prefix"].get<std::string>();
    return true;
  }
  if (key == "accept" || key == "drop" || key == "reject") {
    rule.action = key;
    return true;
  }
  if (key == "jump" && v.is_object() && v.value("target", json()).is_string()) {
    rule.action = "jump";
    rule.target = v["target"].get<std::string>();
    return true;
  }
  return false;
}

Rule ParseRule(const json& r) {
  Rule rule;
  rule.chain = r.value("chain", "");
  rule.handle = r.value("handle", 0);
  const std::string comment = r.value("comment", "");
  if (comment.rfind(kMark, 0) == 0) rule.name = comment.substr(std::string(kMark).size());
  for (const json& e : r.value("expr", json::array())) {
    if (!ParseStatement(e, rule)) rule.unknown.push_back(e);
  }
  if (!comment.empty() && rule.name.empty()) rule.unknown.push_back({{"comment", comment}});
  return rule;
}

/// True when `next` is the IPv6 half of the per-source rule `prev` (meter.h):
/// same mark and matches, directly after it, keyed on IPv6 where `prev` is
/// keyed on IPv4.
bool IsSecondFamily(const Rule& prev, const Rule& next) {
  if (prev.name.empty() || prev.name != next.name || prev.key_families != std::vector<int>{4} ||
      next.key_families != std::vector<int>{6}) {
    return false;
  }
  Rule v4 = prev;
  v4.key_families = next.key_families;
  return ToJson(v4) == ToJson(next);
}

Chain ParseChain(const json& c) {
  Chain chain;
  chain.name = c.value("name", "");
  chain.hook = c.value("hook", "");
  chain.type = c.value("type", "filter");
  chain.priority = c.value("prio", 0);
  chain.policy = c.value("policy", "accept");
  return chain;
}

Set ParseSet(const json& s) {
  Set set;
  set.name = s.value("name", "");
  set.type = s.value("type", json("")).is_string() ? s["type"].get<std::string>() : "";
  for (const json& f : s.value("flags", json::array())) set.flags.push_back(f.get<std::string>());
  std::sort(set.flags.begin(), set.flags.end());
  set.size = s.value("size", 0);
  set.timeout = s.value("timeout", 0);
  set.meter = IsMeterSetName(set.name);
  json elements = s.value("elem", json::array());
  set.live_elements = elements;
  for (const json& e : elements) set.elements.push_back(CanonicalElement(e, set.type));
  std::sort(set.elements.begin(), set.elements.end());
  return set;
}

}  // namespace

std::string CanonicalElement(const json& e, const std::string& set_type) {
  if (e.is_object() && e.contains("elem")) return CanonicalElement(e["elem"].value("val", json()), set_type);
  if (set_type == "inet_service") {
    std::vector<PortRange> ports;
    if (AddPortValue(e, ports)) return PortsToJson(ports).dump();
    return e.dump();
  }
  if (e.is_object() && e.contains("range") && e["range"].size() == 2) {
    return CanonicalElement(e["range"][0], set_type) + "-" + CanonicalElement(e["range"][1], set_type);
  }
  if (auto a = ParseAddress(e); a && a->set.empty()) return a->prefix.ToString();
  return e.dump();
}

LiveTable ParseTable(const json& doc) {
  if (!doc.is_object() || !doc.contains("nftables") || !doc["nftables"].is_array()) {
    throw std::runtime_error("not nft JSON output (no \"nftables\" array)");
  }
  LiveTable live;
  for (const json& item : doc["nftables"]) {
    if (!item.is_object() || item.empty()) continue;
    const std::string kind = item.begin().key();
    const json& v = item.begin().value();
    if (kind == "metainfo") continue;
    if (kind == "table") {
      live.table.family = v.value("family", "");
      live.table.name = v.value("name", "");
    } else if (kind == "set") {
      live.table.sets.push_back(ParseSet(v));
    } else if (kind == "chain") {
      live.table.chains.push_back(ParseChain(v));
    } else if (kind == "rule") {
      Rule rule = ParseRule(v);
      auto it = std::find_if(live.table.chains.begin(), live.table.chains.end(),
                             [&](const Chain& c) { return c.name == rule.chain; });
      if (it == live.table.chains.end()) throw std::runtime_error("rule in unlisted chain " + rule.chain);
      if (!it->rules.empty() && IsSecondFamily(it->rules.back(), rule)) {
        it->rules.back().key_families.push_back(6);
      } else {
        it->rules.push_back(std::move(rule));
      }
    } else {
      live.foreign.push_back(kind + " " + v.value("family", "") + " " + v.value("table", "") + " " +
                             v.value("name", ""));
    }
  }
  return live;
}

std::vector<std::string> ParseTableList(const json& doc) {
  std::vector<std::string> tables;
  if (!doc.is_object() || !doc.contains("nftables")) return tables;
  for (const json& item : doc["nftables"]) {
    if (item.contains("table")) {
      tables.push_back(item["table"].value("family", "") + " " + item["table"].value("name", ""));
    }
  }
  return tables;
}

}  // namespace kilter::reconciler::firewall
