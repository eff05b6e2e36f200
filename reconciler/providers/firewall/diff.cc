#include "reconciler/providers/firewall/diff.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "reconciler/providers/firewall/meter.h"
#include "reconciler/providers/firewall/nft_script.h"
#include "reconciler/providers/kit/digest.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

struct LiveRuleAt {
  const Rule* rule;
  size_t position;  ///< 0-based, in its chain
};

/// Field-by-field difference of two flat JSON objects.
std::vector<FieldChange> CompareFields(const json& before, const json& after) {
  std::vector<FieldChange> out;
  std::vector<std::string> keys;
  for (const json* side : {&after, &before}) {
    for (auto it = side->begin(); it != side->end(); ++it) {
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
    }
  }
  for (const std::string& k : keys) {
    json b = before.value(k, json());
    json a = after.value(k, json());
    if (a != b) out.push_back({k, b, a});
  }
  return out;
}

Change Make(const std::string& type, const std::string& name, const std::string& host,
            const catalog::Resource* resource) {
  Change c;
  c.type = type;
  c.name = name;
  c.host = host;
  if (resource) {
    c.desired = resource->fields;
    c.source = resource->source;
  }
  return c;
}

void SetLive(Change& c, const json& live) {
  c.live = live;
  c.fingerprint = Fingerprint(live);
}

/// Names in the longest common subsequence of two orders: rules that keep
/// their place. The others moved.
std::vector<std::string> CommonOrder(const std::vector<std::string>& a,
                                     const std::vector<std::string>& b) {
  std::vector<std::vector<uint32_t>> len(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      len[i][j] = a[i] == b[j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    }
  }
  std::vector<std::string> out;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      out.push_back(a[i]);
      ++i, ++j;
    } else if (len[i + 1][j] >= len[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

/// The meters a desired rule needs as `table` has them (null for one it
/// lacks), by set name; null when the rule needs none.
json Meters(const Rule& rule, const Table* table) {
  json out;
  for (const Set& meter : MeterSets(rule)) {
    const Set* have = table ? table->FindSet(meter.name) : nullptr;
    out[meter.name] = have ? ToJson(*have, false) : json();
  }
  return out;
}

class Differ {
 public:
  explicit Differ(const DiffInput& in) : in_(in) {
    if (!in.live) return;
    for (const Chain& chain : in.live->table.chains) {
      for (size_t i = 0; i < chain.rules.size(); ++i) {
        const Rule& rule = chain.rules[i];
        if (rule.name.empty() || !live_rules_.emplace(rule.name, LiveRuleAt{&rule, i}).second) {
          strays_.push_back(&rule);
        }
      }
    }
  }

  std::vector<Change> Run() {
    for (const Set& set : in_.desired.sets) DiffSet(set);
    for (const Chain& chain : in_.desired.chains) DiffChain(chain);
    for (const Chain& chain : in_.desired.chains) DiffRules(chain);
    Deletes();
    AttachTransaction();
    return std::move(changes_);
  }

 private:
  const Table* live() const { return in_.live ? &in_.live->table : nullptr; }

  void Finish(Change& c, const json& live, const json& desired, const std::string& what) {
    if (live.is_null()) {
      c.kind = ChangeKind::kCreate;
      for (auto it = desired.begin(); it != desired.end(); ++it) {
        c.fields.push_back({it.key(), nullptr, it.value()});
      }
      c.cause = DriftCause::kMissing;  // "missing on the host" says it: no reason line
    } else {
      SetLive(c, live);
      c.fields = CompareFields(live, desired);
      if (!c.fields.empty()) {
        c.kind = ChangeKind::kUpdate;
        c.reasons.push_back(fmt::format("{} in table {} differs from the specs", what,
                                        in_.desired.Id()));
      }
    }
    changes_.push_back(std::move(c));
  }

  void DiffSet(const Set& set) {
    if (set.meter) return;  // part of its rule's change (Meters)
    Change c = Make("firewall.set", set.name, in_.host, set.resource);
    const Set* l = live() ? live()->FindSet(set.name) : nullptr;
    json want = ToJson(set, !set.dynamic);
    json have = l ? ToJson(*l, !set.dynamic) : json();
    Finish(c, have, want, fmt::format("set {}", set.name));
    if (set.dynamic && l) {
      changes_.back().reasons.push_back(fmt::format(
          "dynamic set: its {} live element(s) are kept across applies", l->elements.size()));
    }
  }

  void DiffChain(const Chain& chain) {
    const Chain* l = live() ? live()->FindChain(chain.name) : nullptr;
    const catalog::Resource* source = chain.resource ? chain.resource : chain.first_user;
    Change c = Make("firewall.chain", chain.name, in_.host, source);
    if (!chain.resource) c.desired = nullptr;
    Finish(c, l ? ToJson(*l) : json(), ToJson(chain), fmt::format("chain {}", chain.name));
    Change& made = changes_.back();
    if (!chain.resource) {
      if (made.kind == ChangeKind::kNothing) {
        changes_.pop_back();  // an implicit chain is no resource: report it only when it acts
        return;
      }
      made.reasons.push_back(fmt::format(
          "not declared with firewall.chain: the chain of firewall.rule \"{}\", made as a {} "
          "with policy accept",
          chain.first_user->name,
          chain.hook.empty() ? "regular chain" : "base chain on hook " + chain.hook));
    }
  }

  void DiffRules(const Chain& chain) {
    std::vector<std::string> want_order;
    std::vector<std::string> have_order;
    for (const Rule& r : chain.rules) {
      auto it = live_rules_.find(r.name);
      if (it != live_rules_.end() && it->second.rule->chain == chain.name) want_order.push_back(r.name);
    }
    if (const Chain* l = live() ? live()->FindChain(chain.name) : nullptr) {
      for (const Rule& r : l->rules) {
        if (!r.name.empty() && std::count(want_order.begin(), want_order.end(), r.name)) {
          have_order.push_back(r.name);
        }
      }
    }
    std::vector<std::string> kept = CommonOrder(want_order, have_order);
    for (size_t i = 0; i < chain.rules.size(); ++i) {
      const Rule& rule = chain.rules[i];
      Change c = Make("firewall.rule", rule.name, in_.host, rule.resource);
      auto it = live_rules_.find(rule.name);
      json have;
      json want = ToJson(rule);
      if (json meters = Meters(rule, &in_.desired); !meters.is_null()) want["meters"] = meters;
      if (it != live_rules_.end()) {
        have = ToJson(*it->second.rule);
        if (json meters = Meters(rule, live()); !meters.is_null()) have["meters"] = meters;
        bool moved = it->second.rule->chain == chain.name &&
                     std::find(kept.begin(), kept.end(), rule.name) == kept.end();
        want["position"] = i + 1;
        have["position"] = moved ? it->second.position + 1 : i + 1;
        if (!it->second.rule->unknown.empty()) c.cause = DriftCause::kLiveChanged;
      }
      Finish(c, have, want, fmt::format("rule {} in chain {}", rule.name, chain.name));
    }
  }

  bool Declared(const Rule& live_rule) const {
    for (const Chain& c : in_.desired.chains) {
      for (const Rule& r : c.rules) {
        if (r.name == live_rule.name) return true;
      }
    }
    return false;
  }

  void Delete(const std::string& type, const std::string& name, const json& live,
              const std::string& reason, DriftCause cause) {
    Change c = Change::Deleted(type, name, in_.host, reason);
    c.cause = cause;
    SetLive(c, live);
    for (auto it = live.begin(); live.is_object() && it != live.end(); ++it) {
      c.fields.push_back({it.key(), it.value(), nullptr});
    }
    changes_.push_back(std::move(c));
  }

  void Deletes() {
    if (!live()) return;
    const std::string id = in_.desired.Id();
    for (const Set& s : live()->sets) {
      if (!in_.desired.FindSet(s.name)) {
        Delete("firewall.set", s.name, ToJson(s, true),
               fmt::format("set {} is in table {} but not in the specs", s.name, id),
               DriftCause::kUnknown);
      }
    }
    for (const Chain& ch : live()->chains) {
      if (!in_.desired.FindChain(ch.name)) {
        Delete("firewall.chain", ch.name, ToJson(ch),
               fmt::format("chain {} is in table {} but not in the specs", ch.name, id),
               DriftCause::kUnknown);
      }
      for (const Rule& r : ch.rules) {
        if (!r.name.empty() && !Declared(r) && live_rules_.at(r.name).rule == &r) {
          Delete("firewall.rule", r.name, ToJson(r),
                 fmt::format("rule {} (chain {}) carries kilter's mark but is not in the specs",
                             r.name, ch.name),
                 DriftCause::kUnknown);
        }
      }
    }
    for (const Rule* r : strays_) {
      std::string what = r->name.empty() ? "unmarked rule" : "second rule marked " + r->name;
      Delete("firewall.rule", fmt::format("{} in chain {} (handle {})", what, r->chain, r->handle),
             ToJson(*r),
             fmt::format("{} in table {}: not made by kilter from the specs", what, id),
             DriftCause::kLiveChanged);
    }
    for (const std::string& f : in_.live->foreign) {
      Delete("firewall.table", f, json(f), fmt::format("{} in table {}: kilter makes no such object", f, id),
             DriftCause::kLiveChanged);
    }
  }

  void AttachTransaction() {
    size_t rules = 0;
    for (const Chain& c : in_.desired.chains) rules += c.rules.size();
    std::string untouched = in_.other_tables.empty()
                                ? "the host has no other table"
                                : fmt::format("left untouched: {}", fmt::join(in_.other_tables, ", "));
    bool first = true;
    for (Change& c : changes_) {
      if (c.kind == ChangeKind::kNothing) continue;
      if (first) {
        c.actions.push_back(
            {"nft",
             fmt::format("nft -f: replace table {} in one transaction ({} chains, {} rules, {} "
                         "sets); only this table is touched, {}",
                         in_.desired.Id(), in_.desired.chains.size(), rules,
                         in_.desired.sets.size(), untouched),
             RenderTransaction(in_.desired, live())});
        first = false;
      } else {
        c.actions.push_back(
            {"nft", fmt::format("part of the one nft transaction on table {}", in_.desired.Id()), ""});
      }
    }
  }

  const DiffInput& in_;
  std::map<std::string, LiveRuleAt> live_rules_;
  std::vector<const Rule*> strays_;
  std::vector<Change> changes_;
};

}  // namespace

std::string Fingerprint(const json& value) { return kit::Sha256Hex(value.dump()); }

std::vector<Change> DiffTables(const DiffInput& input) { return Differ(input).Run(); }

}  // namespace kilter::reconciler::firewall
