#include "compiler/lint/firewall_lints.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "compiler/catalog/net.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

using nlohmann::json;

/// An address match: a network, or a named set compared by name.
struct Addr {
  std::string set;
  int family = 4;
  std::array<uint8_t, 16> bytes{};
  int length = 0;

  bool operator==(const Addr&) const = default;

  /// Every packet this matches, `other` matches too.
  bool Covers(const Addr& other) const {
    if (!set.empty() || !other.set.empty()) return set == other.set;
    if (family != other.family || other.length < length) return false;
    for (int bit = 0; bit < length; ++bit) {
      uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
      if ((bytes[bit / 8] & mask) != (other.bytes[bit / 8] & mask)) return false;
    }
    return true;
  }
};

using Ports = std::vector<std::pair<int, int>>;

/// The parts of a firewall.rule the lints compare. `valid` is false when a
/// value is malformed; the provider reports those at plan time.
struct RuleView {
  const EvaluatedResource* er = nullptr;
  bool valid = true;
  std::string chain, iif, oif, proto, action, target, log;
  std::optional<Addr> saddr, daddr;
  Ports sport, dport;
  std::set<std::string> ct_state;
  json limit;
  json connections;
  bool counter = false;

  auto Key() const {
    return std::tie(chain, iif, oif, proto, action, target, log, saddr, daddr, sport, dport,
                    ct_state, limit, connections, counter);
  }
};

std::string Str(const json& fields, const char* key) {
  auto it = fields.find(key);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Addr> ParseAddr(const json& v, bool& valid) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) {
    valid = false;
    return std::nullopt;
  }
  std::string text = v.get<std::string>();
  Addr a;
  if (!text.empty() && text[0] == '@') {
    a.set = text.substr(1);
    return a;
  }
  std::optional<catalog::net::Prefix> p = catalog::net::Prefix::Parse(text);
  if (!p) {
    valid = false;
    return std::nullopt;
  }
  a.family = p->family;
  a.bytes = p->bytes;
  a.length = p->length;
  return a;
}

void AddPorts(const json& v, Ports& out, bool& valid) {
  if (v.is_array()) {
    for (const json& item : v) AddPorts(item, out, valid);
  } else if (v.is_number_integer()) {
    out.emplace_back(v.get<int>(), v.get<int>());
  } else if (v.is_object() && v.contains("from") && v.contains("to") &&
             v["from"].is_number_integer() && v["to"].is_number_integer()) {
    out.emplace_back(v["from"].get<int>(), v["to"].get<int>());
  } else if (!v.is_null()) {
    valid = false;
  }
}

Ports ParsePorts(const json& v, bool& valid) {
  Ports ports;
  AddPorts(v, ports, valid);
  std::sort(ports.begin(), ports.end());
  return ports;
}

bool PortsCover(const Ports& outer, const Ports& inner) {
  if (outer.empty()) return true;
  if (inner.empty()) return false;
  for (auto [from, to] : inner) {
    // Walk the sorted outer ranges, extending coverage from `from` upwards.
    int next = from;
    for (auto [a, b] : outer) {
      if (a <= next && b >= next) next = b + 1;
    }
    if (next <= to) return false;
  }
  return true;
}

bool IfaceCovers(const std::string& outer, const std::string& inner) {
  if (outer.empty()) return true;
  if (inner.empty()) return false;
  if (outer.back() != '*') return outer == inner;
  std::string prefix = outer.substr(0, outer.size() - 1);
  return inner.rfind(prefix, 0) == 0;
}

bool AddrCovers(const std::optional<Addr>& outer, const std::optional<Addr>& inner) {
  if (!outer) return true;
  return inner && outer->Covers(*inner);
}

/// True when `a` matches every packet `b` matches and always decides it.
bool Shadows(const RuleView& a, const RuleView& b) {
  // A rate or connection limit lets packets past it.
  if (!a.limit.is_null() || !a.connections.is_null()) return false;
  if (a.action != "accept" && a.action != "drop" && a.action != "reject") return false;
  if (!IfaceCovers(a.iif, b.iif) || !IfaceCovers(a.oif, b.oif)) return false;
  if (!AddrCovers(a.saddr, b.saddr) || !AddrCovers(a.daddr, b.daddr)) return false;
  if (!a.proto.empty() && a.proto != b.proto) return false;
  if (!PortsCover(a.sport, b.sport) || !PortsCover(a.dport, b.dport)) return false;
  if (!a.ct_state.empty() &&
      (b.ct_state.empty() || !std::includes(a.ct_state.begin(), a.ct_state.end(),
                                            b.ct_state.begin(), b.ct_state.end()))) {
    return false;
  }
  return true;
}

RuleView View(const EvaluatedResource& er) {
  RuleView v;
  v.er = &er;
  const json& f = er.resource.fields;
  v.chain = Str(f, "chain");
  v.iif = Str(f, "iif");
  v.oif = Str(f, "oif");
  v.proto = Str(f, "proto");
  v.action = Str(f, "action");
  if (v.action.empty()) v.action = "accept";
  v.target = Str(f, "target");
  v.log = Str(f, "log");
  v.saddr = ParseAddr(f.value("saddr", json()), v.valid);
  v.daddr = ParseAddr(f.value("daddr", json()), v.valid);
  v.sport = ParsePorts(f.value("sport", json()), v.valid);
  v.dport = ParsePorts(f.value("dport", json()), v.valid);
  for (const json& s : f.value("ct_state", json::array())) {
    if (s.is_string()) v.ct_state.insert(s.get<std::string>());
  }
  v.limit = f.value("limit", json());
  v.connections = f.value("connections", json());
  v.counter = f.value("counter", false);
  return v;
}

Span NameSpan(const EvaluatedResource& er) { return er.name_span.valid() ? er.name_span : er.span; }

Span FieldSpan(const EvaluatedResource& er, const char* field) {
  auto it = er.field_spans.find(field);
  return it != er.field_spans.end() ? it->second : NameSpan(er);
}

/// A resource on several hosts is evaluated once per host: say each finding once.
class Reporter {
 public:
  explicit Reporter(Diagnostics& diags) : diags_(diags) {}
  bool First(const std::string& code, Span at, Span other = {}) {
    return seen_.emplace(code, at.file, at.begin, other.file, other.begin).second;
  }
  Diagnostics& diags() { return diags_; }

 private:
  Diagnostics& diags_;
  std::set<std::tuple<std::string, const SourceFile*, uint32_t, const SourceFile*, uint32_t>> seen_;
};

/// What a port field holds must be ports: the schema types sport and dport as
/// `any` (a port, a list or a range), so their values are checked here, with
/// the errors the type checker gives a `port` field.
void CheckPorts(const EvaluatedResource& er, const char* field, Reporter& rep) {
  auto it = er.resource.fields.find(field);
  if (it == er.resource.fields.end() || it->is_null()) return;
  Span at = FieldSpan(er, field);
  auto error = [&](const char* code, std::string message, std::string hint) {
    if (rep.First(code, at)) rep.diags().Error(code, at, std::move(message), std::move(hint));
  };
  auto check = [&](const json& v, auto& self) -> void {
    if (v.is_array() && &v == &*it) {
      for (const json& item : v) self(item, self);
    } else if (v.is_number_integer()) {
      if (v.get<int64_t>() < 0 || v.get<int64_t>() > 65535) {
        error(codes::kOutOfRange, fmt::format("`{}`: port {} is out of range 0..65535", field, v.dump()),
              "a port is a number from 0 to 65535");
      }
    } else if (v.is_object() && v.contains("from") && v.contains("to") &&
               v["from"].is_number_integer() && v["to"].is_number_integer()) {
      int64_t from = v["from"].get<int64_t>(), to = v["to"].get<int64_t>();
      if (from < 0 || to > 65535 || from > to) {
        error(codes::kOutOfRange,
              fmt::format("`{}`: port range {}..{} is not within 0..65535, low to high", field, from, to),
              "a range of ports like 8000..8100");
      }
    } else {
      error(codes::kTypeMismatch,
            fmt::format("`{}`: expected a port, a list of ports or a range, got {}", field, v.dump()),
            "e.g. 22, [80, 443] or 8000..8100");
    }
  };
  check(*it, check);
}

void LintChainOrder(const std::vector<RuleView>& rules, Reporter& rep) {
  for (size_t j = 0; j < rules.size(); ++j) {
    const RuleView& b = rules[j];
    for (size_t i = 0; i < j; ++i) {
      const RuleView& a = rules[i];
      const std::string& an = a.er->resource.name;
      const std::string& bn = b.er->resource.name;
      const std::string& host = b.er->resource.host;
      if (a.Key() == b.Key()) {
        if (rep.First("W0302", NameSpan(*b.er), NameSpan(*a.er))) {
          rep.diags().Add({Severity::kWarning, "W0302",
                           fmt::format("firewall.rule \"{}\" duplicates firewall.rule \"{}\" in "
                                       "chain {} on {}: it can never fire",
                                       bn, an, b.chain, host),
                           NameSpan(*b.er), "remove one of the two rules",
                           {{NameSpan(*a.er), "the same rule, earlier in the chain"}}});
        }
        break;
      }
      if (Shadows(a, b)) {
        if (rep.First("W0301", NameSpan(*b.er), NameSpan(*a.er))) {
          rep.diags().Add(
              {Severity::kWarning, "W0301",
               fmt::format("firewall.rule \"{}\" is shadowed by firewall.rule \"{}\" in chain {} "
                           "on {}: the earlier rule matches every packet it matches, so it can "
                           "never fire",
                           bn, an, b.chain, host),
               NameSpan(*b.er), "move it above the rule that shadows it, or narrow that rule",
               {{NameSpan(*a.er), fmt::format("firewall.rule \"{}\" ({} everything \"{}\" matches)",
                                              an, a.action == "accept" ? "accepts" : "drops", bn)}}});
        }
        break;
      }
    }
  }
}

void LintEstablished(const EvaluatedResource& chain, const std::vector<RuleView>& rules,
                     Reporter& rep) {
  for (const RuleView& r : rules) {
    if (r.action == "accept" && r.ct_state.count("established") && !r.saddr && !r.daddr &&
        r.iif.empty() && r.oif.empty() && r.proto.empty() && r.limit.is_null() &&
        r.connections.is_null()) {
      return;
    }
  }
  Span at = FieldSpan(chain, "policy");
  if (!rep.First("W0303", at)) return;
  rep.diags().Warning(
      "W0303", at,
      fmt::format("chain {} on {} drops by policy but no rule in it accepts established traffic: "
                  "replies to the host's own connections (DNS, package updates, database "
                  "clients) will be dropped",
                  chain.resource.name, chain.resource.host),
      "add a first rule: firewall.rule \"established\" on ... { chain = \"" + chain.resource.name +
          "\", ct_state = [\"established\", \"related\"], action = \"accept\" }");
}

struct DbPort {
  int port;
  const char* what;
};
const DbPort kDatabasePorts[] = {{3306, "MySQL/MariaDB"}, {5432, "PostgreSQL"},
                                 {6379, "Redis"},         {11211, "memcached"},
                                 {27017, "MongoDB"}};

void LintOpenDatabase(const RuleView& r, const std::string& hook, Reporter& rep) {
  if (r.action != "accept" || !r.iif.empty() || hook == "output" || hook == "postrouting") return;
  if (r.saddr && (!r.saddr->set.empty() || r.saddr->length != 0)) return;
  for (const DbPort& db : kDatabasePorts) {
    if (!PortsCover(r.dport, {{db.port, db.port}}) || r.dport.empty()) continue;
    Span at = FieldSpan(*r.er, "dport");
    if (!rep.First("W0304", at)) return;
    rep.diags().Warning(
        "W0304", at,
        fmt::format("firewall.rule \"{}\" opens port {} ({}) to the whole internet on {}",
                    r.er->resource.name, db.port, db.what, r.er->resource.host),
        "allow only the hosts that need it: saddr = 10.0.0.0/24, or a set \"@app_servers\"");
    return;
  }
}

}  // namespace

void LintFirewall(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  Reporter rep(diags);
  // host -> chain -> rules in spec order; host -> declared chains.
  std::map<std::string, std::map<std::string, std::vector<RuleView>>> rules;
  std::map<std::string, std::vector<const EvaluatedResource*>> chains;
  for (const EvaluatedResource& er : resources) {
    if (er.resource.type == "firewall.chain") chains[er.resource.host].push_back(&er);
    if (er.resource.type != "firewall.rule") continue;
    CheckPorts(er, "sport", rep);
    CheckPorts(er, "dport", rep);
    RuleView v = View(er);
    if (v.valid) rules[er.resource.host][v.chain].push_back(std::move(v));
  }
  for (auto& [host, by_chain] : rules) {
    for (auto& [name, list] : by_chain) {
      LintChainOrder(list, rep);
      std::string hook = name;  // an undeclared chain hooks the hook of its name
      for (const EvaluatedResource* c : chains[host]) {
        if (c->resource.name == name) hook = Str(c->resource.fields, "hook");
      }
      for (const RuleView& r : list) LintOpenDatabase(r, hook, rep);
    }
  }
  for (auto& [host, list] : chains) {
    for (const EvaluatedResource* c : list) {
      if (Str(c->resource.fields, "hook") == "input" && Str(c->resource.fields, "policy") == "drop") {
        LintEstablished(*c, rules[host][c->resource.name], rep);
      }
    }
  }
}

}  // namespace kilter::compiler
