#include "reconciler/providers/firewall/restore.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/firewall/nft_script.h"

namespace kilter::reconciler::firewall {

namespace {

using nlohmann::json;

/// Every key of an object is one the model reads.
bool OnlyKeys(const json& object, const std::set<std::string>& keys) {
  return std::all_of(object.items().begin(), object.items().end(),
                     [&](const auto& item) { return keys.count(item.key()) > 0; });
}

/// `reject` as RenderRule writes it (nft names the ICMP type it picks).
bool PlainReject(const json& v) {
  return v.is_null() || (v.is_object() && v.size() == 2 && v.value("expr", "") == "port-unreachable" &&
                         v.value("type", "").rfind("icmp", 0) == 0);
}

/// Matches, then meters, limit, counter and log, then the verdict: the
/// order RenderRule writes, so rendering the parsed rule keeps what it does.
bool InRenderOrder(const json& expr) {
  int stage = 0;
  for (const json& e : expr) {
    if (!e.is_object() || e.size() != 1) return false;
    const std::string& key = e.begin().key();
    int rank = key == "match"   ? 0
               : key == "set"   ? 1
               : key == "limit" ? 2
               : key == "counter" ? 3
               : key == "log"   ? 4
               : key == "accept" || key == "drop" || key == "reject" || key == "jump" ? 5
                                                                                      : -1;
    if (rank < stage || (rank == stage && rank > 1)) return false;
    if ((key == "accept" || key == "drop") && !e.begin().value().is_null()) return false;
    if (key == "reject" && !PlainReject(e.begin().value())) return false;
    stage = rank;
  }
  return true;
}

/// The listing holds nothing the model drops.
bool ModelHoldsAll(const json& doc) {
  for (const json& item : doc.at("nftables")) {
    if (!item.is_object() || item.size() != 1) return false;
    const std::string& kind = item.begin().key();
    const json& v = item.begin().value();
    if (kind == "metainfo") continue;
    bool held = kind == "table"   ? OnlyKeys(v, {"family", "name", "handle"})
                : kind == "chain" ? OnlyKeys(v, {"family", "table", "name", "handle", "type",
                                                 "hook", "prio", "policy"})
                : kind == "set"   ? OnlyKeys(v, {"family", "table", "name", "handle", "type",
                                                 "flags", "elem", "size", "timeout"})
                : kind == "rule"  ? OnlyKeys(v, {"family", "table", "chain", "handle",
                                                 "comment", "expr"}) &&
                                       InRenderOrder(v.value("expr", json::array()))
                                  : false;
    if (!held) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> RestoreFromRead(const Table& desired, const json& data) {
  const json& own = data.at("sections").at(1);
  const std::string out = own.at("out").get<std::string>();
  if (own.at("rc") != 0) {
    if (out.find("No such file or directory") == std::string::npos) return std::nullopt;
    return fmt::format("table {0} {{}}\ndelete table {0}\n", desired.Id());
  }
  json doc = json::parse(out, nullptr, false);
  if (doc.is_discarded() || !doc.contains("nftables") || !ModelHoldsAll(doc)) return std::nullopt;
  LiveTable live = ParseTable(doc);
  if (!live.foreign.empty() || live.table.Id() != desired.Id()) return std::nullopt;
  for (const Chain& chain : live.table.chains) {
    for (const Rule& rule : chain.rules) {
      if (rule.name.empty() || !rule.unknown.empty()) return std::nullopt;
    }
  }
  // Every live set keeps its live elements, timeouts included.
  Table table = live.table;
  for (Set& set : table.sets) set.dynamic = true;
  return RenderTransaction(table, &live.table);
}

}  // namespace kilter::reconciler::firewall
