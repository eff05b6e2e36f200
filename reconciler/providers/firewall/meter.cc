#include "reconciler/providers/firewall/meter.h"

#include <regex>

#include <fmt/format.h>

#include "reconciler/providers/kit/digest.h"

namespace kilter::reconciler::firewall {

namespace {

const char* KindWord(MeterKind kind) { return kind == MeterKind::kRate ? "rate" : "conn"; }

const char* KeyField(int family) { return family == 4 ? "ip saddr" : "ip6 saddr"; }

}  // namespace

std::string MeterSetName(const std::string& rule_name, MeterKind kind, int family) {
  return fmt::format("{}{}{}_{}", kMeterPrefix, KindWord(kind), family,
                     kit::Sha256Hex(rule_name).substr(0, 12));
}

bool IsMeterSetName(const std::string& name) {
  static const std::regex kName("^kilter_(rate|conn)[46]_[0-9a-f]{12}$");
  return std::regex_match(name, kName);
}

int MeterTimeoutSeconds(const Limit& limit) {
  const int unit = limit.per == "week"   ? 7 * 86400
                   : limit.per == "day"  ? 86400
                   : limit.per == "hour" ? 3600
                                         : 60;
  return unit;
}

std::vector<Set> MeterSets(const Rule& rule) {
  std::vector<Set> sets;
  for (int family : rule.key_families) {
    Set base;
    base.type = family == 4 ? "ipv4_addr" : "ipv6_addr";
    base.size = kMeterSize;
    base.meter = true;
    if (rule.limit && rule.limit->per_source) {
      Set rate = base;
      rate.name = MeterSetName(rule.name, MeterKind::kRate, family);
      rate.flags = {"timeout"};
      rate.timeout = MeterTimeoutSeconds(*rule.limit);
      sets.push_back(std::move(rate));
    }
    if (rule.connections) {
      Set conn = base;
      conn.name = MeterSetName(rule.name, MeterKind::kConnections, family);
      sets.push_back(std::move(conn));
    }
  }
  return sets;
}

std::vector<std::string> MeterStatements(const Rule& rule, int family) {
  std::vector<std::string> out;
  if (rule.limit && rule.limit->per_source) {
    out.push_back(fmt::format("update @{} {{ {} limit rate {}/{} burst {} packets }}",
                              MeterSetName(rule.name, MeterKind::kRate, family), KeyField(family),
                              rule.limit->rate, rule.limit->per, rule.limit->burst));
  }
  if (rule.connections) {
    out.push_back(fmt::format("add @{} {{ {} ct count {} }}",
                              MeterSetName(rule.name, MeterKind::kConnections, family),
                              KeyField(family), *rule.connections));
  }
  return out;
}

}  // namespace kilter::reconciler::firewall
