#include "reconciler/providers/firewall/nft_json.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/test_helpers.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

const Rule& RuleNamed(const Table& t, const std::string& name) {
  for (const Chain& c : t.chains) {
    for (const Rule& r : c.rules) {
      if (r.name == name) return r;
    }
  }
  throw std::runtime_error("no rule " + name);
}

}  // namespace

TEST_CASE("firewall nft json: reads real `nft -j list table` output", "[firewall]") {
  LiveTable live = ParseTable(json::parse(test::Fixture("sample.json")));
  const Table& t = live.table;
  CHECK(t.Id() == "inet kilter");
  CHECK(live.foreign.empty());
  REQUIRE(t.chains.size() == 3);
  CHECK(ToJson(t.chains[0]) ==
        json{{"hook", "input"}, {"type", "filter"}, {"priority", 0}, {"policy", "drop"}});
  CHECK(ToJson(t.chains[1]) == json{{"hook", nullptr}});
  CHECK(t.chains[0].rules.size() == 9);

  CHECK(ToJson(RuleNamed(t, "established")) ==
        json{{"chain", "input"}, {"ct_state", {"established", "related"}}, {"action", "accept"}});
  CHECK(ToJson(RuleNamed(t, "ssh")) == json{{"chain", "input"},
                                            {"saddr", "@admins"},
                                            {"proto", "tcp"},
                                            {"dport", 22},
                                            {"counter", true},
                                            {"action", "accept"}});
  CHECK(ToJson(RuleNamed(t, "web")) == json{{"chain", "input"},
                                            {"proto", "tcp"},
                                            {"dport", {80, 443}},
                                            {"action", "jump"},
                                            {"target", "web_in"}});
  CHECK(ToJson(RuleNamed(t, "app")) == json{{"chain", "input"},
                                            {"proto", "tcp"},
                                            {"dport", "8000-8100"},
                                            {"limit", "10/second burst 20"},
                                            {"log", "app: "},
                                            {"action", "accept"}});
  CHECK(ToJson(RuleNamed(t, "dns6")) == json{{"chain", "input"},
                                             {"saddr", "2001:db8::/32"},
                                             {"proto", "udp"},
                                             {"sport", 53},
                                             {"action", "accept"}});
  CHECK(RuleNamed(t, "reject-internal").action == "reject");
  CHECK(RuleNamed(t, "out-eth").proto == "icmpv6");
  CHECK(RuleNamed(t, "out-eth").oif == "eth0");
}

TEST_CASE("firewall nft json: set elements, with timeouts, canonical", "[firewall]") {
  LiveTable live = ParseTable(json::parse(test::Fixture("sample.json")));
  const Set* blocklist = live.table.FindSet("blocklist");
  REQUIRE(blocklist);
  CHECK(blocklist->flags == std::vector<std::string>{"interval", "timeout"});
  CHECK(blocklist->elements == std::vector<std::string>{"192.0.2.9", "198.18.0.0/15"});
  CHECK(live.table.FindSet("admins")->elements ==
        std::vector<std::string>{"198.51.100.7", "203.0.113.0/24"});
}

TEST_CASE("firewall nft json: a rule made by hand is unmarked, its order kept", "[firewall]") {
  LiveTable live = ParseTable(json::parse(test::Fixture("edited.json")));
  const Chain& input = live.table.chains[0];
  REQUIRE(input.rules.size() == 9);
  CHECK(input.rules[0].name.empty());
  CHECK(ToJson(input.rules[0]) == json{{"chain", "input"}, {"proto", "tcp"}, {"dport", 9999},
                                       {"action", "accept"}});
  CHECK(input.rules.back().name == "ssh");
  CHECK(input.rules[0].handle > 0);
}

TEST_CASE("firewall nft json: expressions kilter never writes are kept as unknown",
          "[firewall]") {
  json doc = {{"nftables",
               {{{"table", {{"family", "inet"}, {"name", "kilter"}}}},
                {{"chain", {{"name", "input"}, {"hook", "input"}, {"prio", 0}, {"type", "filter"},
                            {"policy", "accept"}}}},
                {{"rule",
                  {{"chain", "input"},
                   {"comment", "kilter:x"},
                   {"expr",
                    {{{"match", {{"op", "!="}, {"left", {{"meta", {{"key", "iifname"}}}}},
                                 {"right", "lo"}}}},
                     {{"accept", nullptr}}}}}}},
                {{"map", {{"family", "inet"}, {"table", "kilter"}, {"name", "m"}}}}}}};
  LiveTable live = ParseTable(doc);
  const Rule& r = live.table.chains[0].rules[0];
  CHECK(r.name == "x");
  CHECK(r.iif.empty());
  CHECK(r.unknown.size() == 1);
  CHECK(live.foreign == std::vector<std::string>{"map inet kilter m"});
}

TEST_CASE("firewall nft json: lists every table of the host", "[firewall]") {
  CHECK(ParseTableList(json::parse(test::Fixture("tables.json"))) ==
        std::vector<std::string>{"inet filter", "inet kilter"});
}

TEST_CASE("firewall nft json: a document that is not nft's is an error", "[firewall]") {
  CHECK_THROWS_AS(ParseTable(json::parse("{\"tables\": []}")), std::runtime_error);
}

}  // namespace kilter::reconciler::firewall
