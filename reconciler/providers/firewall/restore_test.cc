#include "reconciler/providers/firewall/restore.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/test_helpers.h"

namespace kilter::reconciler::firewall {

namespace {

using nlohmann::json;

/// ReadHost's data for a host whose kilter table nft listed as `table`.
json ReadOf(const json& table, int rc = 0) {
  return {{"ssh", ""},
          {"sections",
           {{{"out", "{}"}, {"rc", 0}}, {{"out", rc ? table.get<std::string>() : table.dump()}, {"rc", rc}},
            {{"out", ""}, {"rc", 0}}}}};
}

Table Kilter() { return Table{}; }

/// The sample as nft listed it, with one change made to it.
json SampleWith(const std::function<void(json&)>& edit) {
  json doc = json::parse(test::Fixture("sample.json"));
  edit(doc["nftables"]);
  return doc;
}

json& RuleNamed(json& items, const std::string& name) {
  for (json& item : items) {
    if (item.contains("rule") && item["rule"].value("comment", "") == "kilter:" + name) {
      return item["rule"];
    }
  }
  throw std::runtime_error("no rule " + name);
}

}  // namespace

TEST_CASE("firewall restore: the sample as read is written back as kilter writes it",
          "[firewall]") {
  std::string expected = test::Fixture("sample.nft");
  // The live elements of the dynamic set, with what is left of their timeouts.
  const std::string flags = "\t\tflags interval, timeout\n";
  expected.insert(expected.find(flags) + flags.size(),
                  "\t\telements = { 192.0.2.9 timeout 3600s expires 3599s, 198.18.0.0/15 }\n");
  std::optional<std::string> restore =
      RestoreFromRead(Kilter(), ReadOf(json::parse(test::Fixture("sample.json"))));
  REQUIRE(restore);
  CHECK(*restore == expected);
}

TEST_CASE("firewall restore: per-source limits come back as written, meters empty",
          "[firewall]") {
  // meters.json holds a source in one rate meter: run-time state, not restored.
  std::optional<std::string> restore =
      RestoreFromRead(Kilter(), ReadOf(json::parse(test::Fixture("meters.json"))));
  REQUIRE(restore);
  CHECK(*restore == test::Fixture("meters.nft"));
}

TEST_CASE("firewall restore: no table read is a restore that removes the table", "[firewall]") {
  CHECK(RestoreFromRead(Kilter(), ReadOf("Error: No such file or directory\nlist table inet kilter", 1)) ==
        "table inet kilter {}\ndelete table inet kilter\n");
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf("Error: Operation not permitted", 1)));
}

TEST_CASE("firewall restore: what the model would lose leaves the save to the host",
          "[firewall]") {
  // A rule made by hand, without kilter's mark.
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(json::parse(test::Fixture("edited.json")))));
  // A marked rule whose counter comes before its match: rendered again it
  // would count other packets.
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    json& expr = RuleNamed(items, "ssh")["expr"];
    std::swap(expr[0], expr[2]);
  }))));
  // A reject with another reply than the one `reject` gives.
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    RuleNamed(items, "reject-internal")["expr"][1] = {{"reject", {{"type", "tcp reset"}}}};
  }))));
  // A chain with a comment, a set with a garbage-collection interval, a table with flags.
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    for (json& item : items) {
      if (item.contains("chain")) item["chain"]["comment"] = "by hand";
    }
  }))));
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    for (json& item : items) {
      if (item.contains("set")) item["set"]["gc-interval"] = 5;
    }
  }))));
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    items[1]["table"]["flags"] = json::array({"dormant"});
  }))));
  // An object kilter never makes.
  CHECK_FALSE(RestoreFromRead(Kilter(), ReadOf(SampleWith([](json& items) {
    items.push_back({{"counter", {{"family", "inet"}, {"table", "kilter"}, {"name", "c"}}}});
  }))));
}

}  // namespace kilter::reconciler::firewall
