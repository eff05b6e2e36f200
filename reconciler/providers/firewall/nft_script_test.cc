#include "reconciler/providers/firewall/nft_script.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/desired.h"
#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/firewall/test_helpers.h"

namespace kilter::reconciler::firewall {

TEST_CASE("firewall render: the sample table is exactly testdata/sample.nft", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  CHECK(RenderTransaction(desired, nullptr) == test::Fixture("sample.nft"));
}

TEST_CASE("firewall render: a dynamic set keeps its live elements with their timeouts",
          "[firewall]") {
  test::Resources r;
  r.Add("firewall.set", "blocklist",
        {{"type", "ipv4_addr"}, {"elements", {"192.0.2.9"}}, {"dynamic", true},
         {"flags", {"interval", "timeout"}}});
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  LiveTable live = ParseTable(nlohmann::json::parse(test::Fixture("sample.json")));
  std::string script = RenderTransaction(desired, &live.table);
  // 192.0.2.9 is both declared and live: the live one (with its expiry) is kept once.
  CHECK(script.find("elements = { 192.0.2.9 timeout 3600s expires ") != std::string::npos);
  CHECK(script.find(", 198.18.0.0/15 }") != std::string::npos);
  CHECK(script.find("192.0.2.9,") == std::string::npos);
}

TEST_CASE("firewall render: a static set is exactly the specs", "[firewall]") {
  test::Resources r;
  r.Add("firewall.set", "blocklist",
        {{"type", "ipv4_addr"}, {"elements", {"192.0.2.1"}}, {"dynamic", false}});
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  LiveTable live = ParseTable(nlohmann::json::parse(test::Fixture("sample.json")));
  std::string script = RenderTransaction(desired, &live.table);
  CHECK(script.find("\t\telements = { 192.0.2.1 }\n") != std::string::npos);
  CHECK(script.find("198.18") == std::string::npos);
}

TEST_CASE("firewall render: restore puts the saved table back, or removes it", "[firewall]") {
  Table t;
  CHECK(RenderRestore(t, "") == "table inet kilter {}\ndelete table inet kilter\n");
  CHECK(RenderRestore(t, "table inet kilter {\n}\n") ==
        "table inet kilter {}\ndelete table inet kilter\ntable inet kilter {\n}\n");
}

}  // namespace kilter::reconciler::firewall
