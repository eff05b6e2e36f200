#include "reconciler/providers/firewall/lockout.h"

#include <algorithm>

#include <fmt/format.h>

#include "reconciler/providers/firewall/nft_json.h"

namespace kilter::reconciler::firewall {

namespace {

enum class Tri { kNo, kMaybe, kYes };

Tri And(Tri a, Tri b) { return std::min(a, b); }

/// One packet as the chains see it. An empty optional or -1 is unknown.
struct Packet {
  std::string what;
  std::optional<Prefix> saddr;
  std::optional<Prefix> daddr;
  int sport = -1;
  int dport = -1;
  std::optional<std::string> iif;  ///< "" on the output hook (no input interface)
  std::optional<std::string> oif;  ///< "" on the input hook
  std::string ct_state;
  std::string hook;
};

struct Outcome {
  bool may_drop = false;
  bool may_return = false;  ///< falls off the end of a regular chain
  std::string drop_by;
};

Tri MatchIface(const std::string& want, const std::optional<std::string>& have) {
  if (want.empty()) return Tri::kYes;
  if (!have) return Tri::kMaybe;
  if (want.back() == '*') {
    return have->rfind(want.substr(0, want.size() - 1), 0) == 0 ? Tri::kYes : Tri::kNo;
  }
  return want == *have ? Tri::kYes : Tri::kNo;
}

bool InElement(const std::string& element, const Prefix& addr) {
  if (auto dash = element.find('-'); dash != std::string::npos) {
    auto from = Prefix::Parse(element.substr(0, dash));
    auto to = Prefix::Parse(element.substr(dash + 1));
    return from && to && from->family == addr.family && from->bytes <= addr.bytes &&
           addr.bytes <= to->bytes;
  }
  auto p = Prefix::Parse(element);
  return p && p->Contains(addr);
}

Tri MatchAddress(const std::optional<AddressMatch>& want, const std::optional<Prefix>& have,
                 const Table& table, int packet_family) {
  if (!want) return Tri::kYes;
  if (!want->set.empty()) {
    const Set* set = table.FindSet(want->set);
    if (!set || (set->type == "ipv4_addr" ? 4 : 6) != packet_family) return Tri::kNo;
    if (!have) return Tri::kMaybe;
    bool in = std::any_of(set->elements.begin(), set->elements.end(),
                          [&](const std::string& e) { return InElement(e, *have); });
    return in ? Tri::kYes : Tri::kNo;
  }
  if (want->prefix.family != packet_family) return Tri::kNo;
  if (!have) return want->prefix.length == 0 ? Tri::kYes : Tri::kMaybe;
  return want->prefix.Contains(*have) ? Tri::kYes : Tri::kNo;
}

Tri MatchPorts(const std::vector<PortRange>& want, int have) {
  if (want.empty()) return Tri::kYes;
  if (have < 0) {
    return want.size() == 1 && want[0].from == 0 && want[0].to == 65535 ? Tri::kYes : Tri::kMaybe;
  }
  for (const PortRange& r : want) {
    if (r.from <= have && have <= r.to) return Tri::kYes;
  }
  return Tri::kNo;
}

Tri Match(const Rule& rule, const Packet& p, const Table& table) {
  int family = p.daddr ? p.daddr->family : 4;
  Tri m = Tri::kYes;
  m = And(m, MatchIface(rule.iif, p.iif));
  m = And(m, MatchIface(rule.oif, p.oif));
  m = And(m, MatchAddress(rule.saddr, p.saddr, table, family));
  m = And(m, MatchAddress(rule.daddr, p.daddr, table, family));
  if (!rule.proto.empty() && rule.proto != "tcp") m = Tri::kNo;
  m = And(m, MatchPorts(rule.sport, p.sport));
  m = And(m, MatchPorts(rule.dport, p.dport));
  if (!rule.ct_state.empty() &&
      std::find(rule.ct_state.begin(), rule.ct_state.end(), p.ct_state) == rule.ct_state.end()) {
    m = Tri::kNo;
  }
  if (rule.limit || rule.connections) m = And(m, Tri::kMaybe);
  if (!rule.unknown.empty()) m = And(m, Tri::kMaybe);
  return m;
}

Outcome Evaluate(const Chain& chain, const Packet& p, const Table& table, int depth) {
  Outcome out;
  for (const Rule& rule : chain.rules) {
    Tri m = Match(rule, p, table);
    if (m == Tri::kNo) continue;
    if (rule.action == "drop" || rule.action == "reject") {
      if (!out.may_drop) out.drop_by = fmt::format("firewall.rule \"{}\"", rule.name);
      out.may_drop = true;
    } else if (rule.action == "jump") {
      const Chain* target = table.FindChain(rule.target);
      if (!target || depth > 16) continue;
      Outcome sub = Evaluate(*target, p, table, depth + 1);
      if (sub.may_drop && !out.may_drop) out.drop_by = sub.drop_by;
      out.may_drop = out.may_drop || sub.may_drop;
      if (m == Tri::kYes && !sub.may_return) return out;
      continue;
    } else if (rule.action != "accept") {
      continue;
    }
    if (m == Tri::kYes) return out;
  }
  if (chain.hook.empty()) {
    out.may_return = true;
  } else if (chain.policy == "drop") {
    if (!out.may_drop) out.drop_by = fmt::format("the drop policy of chain {}", chain.name);
    out.may_drop = true;
  }
  return out;
}

std::optional<std::string> Send(const Table& table, const Packet& p) {
  std::vector<const Chain*> chains;
  for (const Chain& c : table.chains) {
    if (c.hook == p.hook && c.type == "filter") chains.push_back(&c);
  }
  std::stable_sort(chains.begin(), chains.end(),
                   [](const Chain* a, const Chain* b) { return a->priority < b->priority; });
  // An accept ends one base chain only; every base chain on the hook must let it pass.
  for (const Chain* c : chains) {
    Outcome out = Evaluate(*c, p, table, 0);
    if (out.may_drop) return fmt::format("{} may be dropped by {}", p.what, out.drop_by);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindLockout(const Table& table, const SshConnection& ssh) {
  int family = ssh.server.family;
  if ((table.family == "ip" && family == 6) || (table.family == "ip6" && family == 4)) {
    return std::nullopt;  // the table never sees this address family
  }
  std::string client = ssh.client ? ssh.client->ToString() : "kilter's address";
  std::string server = fmt::format("{}:{}", ssh.server.ToString(), ssh.server_port);
  std::optional<std::string> iface;
  if (!ssh.iface.empty()) iface = ssh.iface;

  Packet fresh{fmt::format("a new SSH connection from {} to {}", client, server),
               ssh.client, ssh.server, -1, ssh.server_port, iface, "", "new", "input"};
  Packet established = fresh;
  established.what = fmt::format("kilter's established SSH connection from {} to {}", client, server);
  established.sport = ssh.client_port;
  established.ct_state = "established";
  Packet reply{fmt::format("the SSH server's replies from {} to {}", server, client),
               ssh.server, ssh.client, ssh.server_port, ssh.client_port, "", iface,
               "established", "output"};
  for (const Packet* p : {&fresh, &established, &reply}) {
    if (auto why = Send(table, *p)) return why;
  }
  return std::nullopt;
}

}  // namespace kilter::reconciler::firewall
