#include "reconciler/providers/firewall/meter.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/desired.h"
#include "reconciler/providers/firewall/diff.h"
#include "reconciler/providers/firewall/import.h"
#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/firewall/nft_script.h"
#include "reconciler/providers/firewall/restore.h"
#include "reconciler/providers/firewall/test_helpers.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

/// The rules of testdata/meters.nft: per-source limits keyed on both
/// families, on IPv4 only (an IPv4 source), on IPv6 only (icmpv6), and a
/// shared limit beside a per-source connection count.
void AddMeters(test::Resources& r) {
  r.Add("firewall.chain", "input",
        {{"hook", "input"}, {"policy", "drop"}, {"priority", 0}, {"type", "filter"}});
  r.Add("firewall.rule", "web-flood",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", {80, 443}}, {"ct_state", {"new"}},
         {"limit", {{"rate", "25/second"}, {"burst", 50}, {"per", "source"}}},
         {"connections", {{"max", 100}, {"per", "source"}}}, {"action", "accept"}});
  r.Add("firewall.rule", "ssh-v4",
        {{"chain", "input"}, {"saddr", "10.0.0.0/8"}, {"proto", "tcp"}, {"dport", 22},
         {"limit", {{"rate", "3/minute"}, {"burst", 5}, {"per", "source"}}}, {"action", "accept"}});
  r.Add("firewall.rule", "ping6",
        {{"chain", "input"}, {"proto", "icmpv6"},
         {"limit", {{"rate", "1/hour"}, {"burst", 5}, {"per", "source"}}}, {"action", "accept"}});
  r.Add("firewall.rule", "global",
        {{"chain", "input"}, {"proto", "udp"}, {"dport", 53},
         {"limit", {{"rate", "10/second"}, {"burst", 5}, {"per", "rule"}}},
         {"connections", {{"max", 5}, {"per", "source"}}}, {"action", "accept"}});
}

std::vector<std::string> Acting(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) out.push_back(std::string(ToString(c.kind)) + " " + c.name);
  }
  return out;
}

}  // namespace

TEST_CASE("firewall meters: names are valid set names, one per rule, kind and family",
          "[firewall]") {
  CHECK(MeterSetName("web-flood", MeterKind::kRate, 4) == "kilter_rate4_b61ea02bf333");
  CHECK(MeterSetName("web-flood", MeterKind::kConnections, 6) == "kilter_conn6_b61ea02bf333");
  CHECK(MeterSetName("a rule with spaces", MeterKind::kRate, 4) !=
        MeterSetName("a rule with spaces", MeterKind::kRate, 6));
  CHECK(IsValidObjectName(MeterSetName(std::string(121, 'x'), MeterKind::kRate, 6)));
  CHECK(IsMeterSetName("kilter_rate4_b61ea02bf333"));
  CHECK_FALSE(IsMeterSetName("kilter_rate4_b61ea02bf33"));
  CHECK_FALSE(IsMeterSetName("admins"));
}

TEST_CASE("firewall meters: a bucket outlives a pause of one unit of its rate", "[firewall]") {
  CHECK(MeterTimeoutSeconds({25, "second", 50, true}) == 60);
  CHECK(MeterTimeoutSeconds({3, "minute", 5, true}) == 60);
  CHECK(MeterTimeoutSeconds({1, "hour", 5, true}) == 3600);
  CHECK(MeterTimeoutSeconds({1, "day", 5, true}) == 86400);
  CHECK(MeterTimeoutSeconds({1, "week", 5, true}) == 7 * 86400);
}

TEST_CASE("firewall meters: the key family comes from the addresses, protocol or table",
          "[firewall]") {
  test::Resources r;
  AddMeters(r);
  Table inet = BuildDesired("fw1", "inet kilter", r.All());
  const std::vector<Rule>& rules = inet.chains.at(0).rules;
  CHECK(rules.at(0).key_families == std::vector<int>{4, 6});
  CHECK(rules.at(1).key_families == std::vector<int>{4});
  CHECK(rules.at(2).key_families == std::vector<int>{6});
  CHECK(rules.at(3).key_families == std::vector<int>{4, 6});
  CHECK(inet.sets.size() == 8);

  test::Resources v4;
  v4.Add("firewall.rule", "web-flood",
         {{"chain", "input"}, {"limit", {{"rate", "25/second"}, {"per", "source"}}}});
  Table ip = BuildDesired("fw1", "ip kilter", v4.All());
  CHECK(ip.chains.at(0).rules.at(0).key_families == std::vector<int>{4});
  Table ip6 = BuildDesired("fw1", "ip6 kilter", v4.All());
  CHECK(ip6.chains.at(0).rules.at(0).key_families == std::vector<int>{6});
}

TEST_CASE("firewall meters: the render is exactly testdata/meters.nft", "[firewall]") {
  test::Resources r;
  AddMeters(r);
  CHECK(RenderTransaction(BuildDesired("fw1", "inet kilter", r.All()), nullptr) ==
        test::Fixture("meters.nft"));
}

TEST_CASE("firewall meters: what nft loaded from the render is nothing to do", "[firewall]") {
  test::Resources r;
  AddMeters(r);
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  LiveTable live = ParseTable(json::parse(test::Fixture("meters.json")));
  const std::vector<Rule>& rules = live.table.chains.at(0).rules;
  REQUIRE(rules.size() == 4);  // the two families of a rule read back as one rule
  CHECK(rules.at(0).key_families == std::vector<int>{4, 6});
  CHECK(rules.at(0).limit->per_source);
  CHECK(rules.at(0).connections == 100);
  CHECK(rules.at(0).unknown.empty());
  CHECK(Acting(DiffTables({"fw1", desired, &live, {}})).empty());
}

TEST_CASE("firewall meters: a changed rate, a lost family or a meter edited by hand is drift",
          "[firewall]") {
  test::Resources r;
  AddMeters(r);
  LiveTable live = ParseTable(json::parse(test::Fixture("meters.json")));

  SECTION("the declared rate changes") {
    r.At(1).fields["limit"]["rate"] = "50/second";
    Table desired = BuildDesired("fw1", "inet kilter", r.All());
    CHECK(Acting(DiffTables({"fw1", desired, &live, {}})) ==
          std::vector<std::string>{"update web-flood"});
  }
  SECTION("the IPv6 half of a rule is gone") {
    Table desired = BuildDesired("fw1", "inet kilter", r.All());
    std::vector<Rule>& rules = live.table.chains.at(0).rules;
    rules.at(0).key_families = {4};
    std::vector<Change> changes = DiffTables({"fw1", desired, &live, {}});
    REQUIRE(Acting(changes) == std::vector<std::string>{"update web-flood"});
  }
  SECTION("a meter's timeout is changed by hand") {
    Table desired = BuildDesired("fw1", "inet kilter", r.All());
    for (Set& s : live.table.sets) {
      if (s.name == MeterSetName("ssh-v4", MeterKind::kRate, 4)) s.timeout = 5;
    }
    CHECK(Acting(DiffTables({"fw1", desired, &live, {}})) ==
          std::vector<std::string>{"update ssh-v4"});
  }
  SECTION("a rule updates a meter of another rule's name") {
    json doc = json::parse(test::Fixture("meters.json"));
    for (json& item : doc["nftables"]) {
      if (item.contains("rule") && item["rule"]["comment"] == "kilter:ssh-v4") {
        item["rule"]["comment"] = "kilter:ping6";
      }
    }
    LiveTable edited = ParseTable(doc);
    CHECK_FALSE(edited.table.chains.at(0).rules.at(1).unknown.empty());
  }
}

TEST_CASE("firewall meters: a declared set cannot take a meter's name", "[firewall]") {
  test::Resources r;
  r.Add("firewall.set", "kilter_mine", {{"type", "ipv4_addr"}});
  CHECK_THROWS_WITH(BuildDesired("fw1", "inet kilter", r.All()),
                    Catch::Contains("kilter's own (the meters of per-source limits)"));
}

TEST_CASE("firewall meters: import keeps per-source limits in their rules", "[firewall]") {
  LiveTable live = ParseTable(json::parse(test::Fixture("meters.json")));
  kit::SpecFile specs = ImportedTable("fw1", live, {}, {});
  std::vector<std::string> types;
  for (const kit::SpecResource& res : specs.resources) types.push_back(res.type + " " + res.name);
  // The meters come back inside their rules, not as firewall.set.
  CHECK(types == std::vector<std::string>{"firewall.chain input", "firewall.rule web-flood",
                                          "firewall.rule ssh-v4", "firewall.rule ping6",
                                          "firewall.rule global"});
}

}  // namespace kilter::reconciler::firewall
