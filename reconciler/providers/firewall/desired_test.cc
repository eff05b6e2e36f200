#include "reconciler/providers/firewall/desired.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/test_helpers.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

TEST_CASE("firewall desired: chains in spec order, rules in spec order", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  Table t = BuildDesired("fw1", "inet kilter", r.All());
  REQUIRE(t.chains.size() == 3);
  CHECK(t.chains[0].name == "input");
  CHECK(t.chains[0].rules.front().name == "established");
  CHECK(t.chains[0].rules.back().name == "reject-internal");
  CHECK(t.chains[1].name == "web_in");
  CHECK(t.chains[1].hook.empty());
}

TEST_CASE("firewall desired: an undeclared chain is a base chain on the hook of its name",
          "[firewall]") {
  test::Resources r;
  r.Add("firewall.rule", "ping", {{"chain", "forward"}, {"proto", "icmp"}, {"action", "accept"}});
  r.Add("firewall.rule", "helper", {{"chain", "from_lan"}, {"action", "drop"}});
  Table t = BuildDesired("fw1", "ip edge", r.All());
  CHECK(t.Id() == "ip edge");
  REQUIRE(t.chains.size() == 2);
  CHECK(ToJson(t.chains[0]) ==
        json{{"hook", "forward"}, {"type", "filter"}, {"priority", 0}, {"policy", "accept"}});
  CHECK(t.chains[0].resource == nullptr);
  CHECK(t.chains[0].first_user->name == "ping");
  CHECK(t.chains[1].hook.empty());
}

TEST_CASE("firewall desired: ports as a port, a list, a range; merged and sorted", "[firewall]") {
  test::Resources r;
  r.Add("firewall.rule", "a",
        {{"chain", "input"}, {"proto", "tcp"},
         {"dport", {443, 80, {{"from", 8000}, {"to", 8100}}, 8050}}, {"action", "accept"}});
  Table t = BuildDesired("fw1", "inet kilter", r.All());
  CHECK(PortsToJson(t.chains[0].rules[0].dport) == json{80, 443, "8000-8100"});
}

TEST_CASE("firewall desired: networks are canonical; prefixes in a set imply interval",
          "[firewall]") {
  test::Resources r;
  r.Add("firewall.set", "nets", {{"type", "ipv4_addr"}, {"elements", {"10.1.2.3/8"}}});
  r.Add("firewall.rule", "a", {{"chain", "input"}, {"saddr", "10.9.9.9/16"}, {"action", "drop"}});
  Table t = BuildDesired("fw1", "inet kilter", r.All());
  CHECK(t.sets[0].elements == std::vector<std::string>{"10.0.0.0/8"});
  CHECK(t.sets[0].flags == std::vector<std::string>{"interval"});
  CHECK(t.chains[0].rules[0].saddr->ToString() == "10.9.0.0/16");
}

TEST_CASE("firewall desired: mistakes nft would reject name the resource", "[firewall]") {
  auto fails = [](json fields, const std::string& needle, const char* table = "inet kilter") {
    test::Resources r;
    r.Add("firewall.set", "v6", {{"type", "ipv6_addr"}, {"elements", json::array()}});
    r.Add("firewall.rule", "bad", std::move(fields));
    try {
      BuildDesired("fw1", table, r.All());
      FAIL("no error for " << needle);
    } catch (const ProviderError& e) {
      CHECK_THAT(e.what(), Catch::Contains("firewall.rule \"bad\" @ fw1") && Catch::Contains(needle));
    }
  };
  fails({{"chain", "input"}, {"dport", 22}, {"action", "accept"}}, "need proto tcp");
  fails({{"chain", "input"}, {"proto", "icmp"}, {"dport", 22}}, "need proto tcp");
  fails({{"chain", "input"}, {"saddr", "@nope"}}, "no firewall.set \"nope\"");
  fails({{"chain", "input"}, {"saddr", "10.0.0.0/33"}}, "neither an address");
  fails({{"chain", "input"}, {"saddr", "10.0.0.1"}, {"daddr", "::1"}}, "different address families");
  fails({{"chain", "input"}, {"saddr", "@v6"}, {"daddr", "10.0.0.1"}}, "different address families");
  fails({{"chain", "input"}, {"saddr", "::1"}}, "cannot match in table ip f", "ip f");
  fails({{"chain", "input"}, {"action", "jump"}}, "needs target");
  fails({{"chain", "input"}, {"action", "jump"}, {"target", "nowhere"}}, "no chain \"nowhere\"");
  fails({{"chain", "input"}, {"action", "jump"}, {"target", "input"}}, "is a base chain");
  fails({{"chain", "input"}, {"action", "allow"}}, "not accept, drop, reject or jump");
  fails({{"chain", "input"}, {"ct_state", {"establish"}}}, "ct_state");
  fails({{"chain", "input"}, {"limit", "ten a second"}}, "not a rate");
  fails({{"chain", "input"}, {"log", "say \"hi\""}}, "quotes");
  fails({{"chain", "input"}, {"iif", "a-very-long-interface-name"}}, "interface name");
  fails({{"chain", "input"}, {"proto", "tcp"}, {"dport", 70000}}, "is not a port");
}

TEST_CASE("firewall desired: the table setting is FAMILY NAME", "[firewall]") {
  CHECK(ParseTableSetting("fw1", "ip6 edge").Id() == "ip6 edge");
  CHECK_THROWS_WITH(ParseTableSetting("fw1", "kilter"), Catch::Contains("fw1: ") &&
                                                            Catch::Contains("not FAMILY NAME"));
  CHECK_THROWS_AS(ParseTableSetting("fw1", "bridge kilter"), ProviderError);
}

}  // namespace kilter::reconciler::firewall
