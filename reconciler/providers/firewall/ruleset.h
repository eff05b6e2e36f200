#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "compiler/catalog/net.h"

/// The contents of kilter's nftables table as plain data, the same shape for
/// what the specs want (desired.h) and what the host has (nft_json.h), so the
/// diff compares like with like.
namespace kilter::reconciler::firewall {

/// Networks and hosts in rules and sets (the one parser, compiler/catalog/net.h).
using Prefix = catalog::net::Prefix;

/// The prefix of every rule comment kilter writes: "kilter:NAME" marks the
/// rule as made for the firewall.rule resource NAME.
inline constexpr const char* kMark = "kilter:";

/// A source or destination match: a network, or a named set ("@name").
struct AddressMatch {
  std::string set;  ///< set name without '@'; empty for a prefix
  Prefix prefix;

  /// "10.0.0.0/8" or "@blocklist".
  std::string ToString() const;
};

/// An inclusive port range; a single port has from == to.
struct PortRange {
  int from = 0;
  int to = 0;
  bool operator==(const PortRange&) const = default;
};

/// `limit rate RATE/PER burst BURST packets`: one bucket for every packet
/// the rule sees, or (per_source) one per source address, kept in a meter
/// set (meter.h).
struct Limit {
  int rate = 0;
  std::string per;  ///< second, minute, hour, day, week
  int burst = 5;    ///< nft's default
  bool per_source = false;
  std::string ToString() const;  ///< "10/second burst 5", "... per source"
};

struct Rule {
  std::string name;  ///< from the ownership mark; empty for an unmarked rule
  std::string chain;
  std::string iif;
  std::string oif;
  std::optional<AddressMatch> saddr;
  std::optional<AddressMatch> daddr;
  std::string proto;  ///< "" matches every protocol
  std::vector<PortRange> sport;  ///< sorted, merged; empty matches every port
  std::vector<PortRange> dport;
  std::vector<std::string> ct_state;  ///< sorted
  std::optional<Limit> limit;
  /// `ct count MAX` per source address, kept in a meter set (meter.h).
  std::optional<int> connections;
  /// The address families (4, 6) the per-source meters key on: one nft rule
  /// each. Empty when the rule has no per-source limit.
  std::vector<int> key_families;
  bool counter = false;
  std::optional<std::string> log;  ///< the prefix; "" logs without one
  std::string action;              ///< accept, drop, reject, jump; "" when none
  std::string target;              ///< the chain of a jump
  /// Expressions of a live rule that kilter never writes (made by hand);
  /// they make the rule differ from any desired one.
  nlohmann::json unknown = nlohmann::json::array();
  int handle = 0;  ///< live rules only
  const catalog::Resource* resource = nullptr;  ///< desired rules only
};

struct Chain {
  std::string name;
  std::string hook;  ///< "" for a regular chain (a jump target)
  std::string type = "filter";
  int priority = 0;
  std::string policy = "accept";
  std::vector<Rule> rules;  ///< in order
  /// Desired chains only: the firewall.chain resource, or null for a base
  /// chain made implicitly for rules naming an undeclared chain.
  const catalog::Resource* resource = nullptr;
  const catalog::Resource* first_user = nullptr;  ///< implicit chains: the first rule in it
};

struct Set {
  std::string name;
  std::string type;                ///< ipv4_addr, ipv6_addr, inet_service
  std::vector<std::string> flags;  ///< sorted: interval, timeout
  std::vector<std::string> elements;  ///< canonical, sorted
  /// Live only: the elements as nft printed them (with timeouts), re-added
  /// on apply when the set is dynamic.
  nlohmann::json live_elements = nlohmann::json::array();
  bool dynamic = false;  ///< desired only: keep live elements across applies
  int size = 0;          ///< maximum elements; 0 when nft's default
  int timeout = 0;       ///< seconds an element lives; 0 when forever
  /// A per-source meter of a rule (meter.h), not a firewall.set: its
  /// elements are run-time state, never compared nor kept by an apply.
  bool meter = false;
  const catalog::Resource* resource = nullptr;
};

/// The whole table.
struct Table {
  std::string family = "inet";
  std::string name = "kilter";
  std::vector<Set> sets;
  std::vector<Chain> chains;

  /// "inet kilter", as nft commands name it.
  std::string Id() const { return family + " " + name; }
  const Chain* FindChain(const std::string& name) const;
  const Set* FindSet(const std::string& name) const;
};

/// A rule as the plan shows it and the diff compares it: every match and
/// statement, absent ones left out.
nlohmann::json ToJson(const Rule& rule);
/// hook/type/priority/policy, or only {"hook": null} for a regular chain.
nlohmann::json ToJson(const Chain& chain);
/// type, flags, size, timeout and elements (elements of a dynamic set are
/// not compared).
nlohmann::json ToJson(const Set& set, bool with_elements);

/// Port ranges as the plan shows them: 22, "8000-8100" or a list of those.
nlohmann::json PortsToJson(const std::vector<PortRange>& ports);
/// Sorts and merges overlapping or adjacent ranges.
std::vector<PortRange> NormalizePorts(std::vector<PortRange> ports);

}  // namespace kilter::reconciler::firewall
