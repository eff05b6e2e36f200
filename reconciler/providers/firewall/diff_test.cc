#include "reconciler/providers/firewall/diff.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/desired.h"
#include "reconciler/providers/firewall/test_helpers.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

std::vector<Change> DiffSample(test::Resources& r, const char* fixture) {
  LiveTable live = ParseTable(json::parse(test::Fixture(fixture)));
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  return DiffTables({"fw1", desired, &live, {"inet filter"}});
}

std::vector<std::string> Acting(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) out.push_back(std::string(ToString(c.kind)) + " " + c.type + " " + c.name);
  }
  return out;
}

const Change& Find(const std::vector<Change>& changes, const std::string& name) {
  for (const Change& c : changes) {
    if (c.name == name) return c;
  }
  throw std::runtime_error("no change " + name);
}

}  // namespace

TEST_CASE("firewall diff: what nft loaded from kilter's render is nothing to do", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  std::vector<Change> changes = DiffSample(r, "sample.json");
  CHECK(Acting(changes).empty());
  // one change per resource: 2 sets, 2 declared chains, 11 rules; the implicit
  // output chain is no resource and does nothing.
  CHECK(changes.size() == 15);
  for (const Change& c : changes) CHECK_FALSE(c.fingerprint.empty());
}

TEST_CASE("firewall diff: an empty host creates everything in one transaction", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  Table desired = BuildDesired("fw1", "inet kilter", r.All());
  std::vector<Change> changes = DiffTables({"fw1", desired, nullptr, {"inet filter", "ip nat"}});
  REQUIRE(changes.size() == 16);
  for (const Change& c : changes) CHECK(c.kind == ChangeKind::kCreate);
  CHECK(Find(changes, "output").reasons.back().find("base chain on hook output") != std::string::npos);
  REQUIRE(changes[0].actions.size() == 1);
  CHECK(changes[0].actions[0].kind == "nft");
  CHECK(changes[0].actions[0].detail == test::Fixture("sample.nft"));
  CHECK_THAT(changes[0].actions[0].summary,
             Catch::Contains("only this table is touched, left untouched: inet filter, ip nat"));
  CHECK(changes[1].actions[0].detail.empty());
}

TEST_CASE("firewall diff: rules added, deleted and moved by hand are drift", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  std::vector<Change> changes = DiffSample(r, "edited.json");
  CHECK(Acting(changes) ==
        std::vector<std::string>{"update firewall.rule ssh", "create firewall.rule icmp",
                                 "delete firewall.rule unmarked rule in chain input (handle 19)"});
  const Change& ssh = Find(changes, "ssh");
  REQUIRE(ssh.fields.size() == 1);
  CHECK(ssh.fields[0].field == "position");
  CHECK(ssh.fields[0].before == 9);
  CHECK(ssh.fields[0].after == 4);
  const Change& stray = changes.back();
  CHECK(stray.cause == DriftCause::kLiveChanged);
  CHECK(stray.live["dport"] == 9999);
}

TEST_CASE("firewall diff: reordering rules in the specs is a change", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  std::swap(r.At(5), r.At(6));  // loopback after blocked
  std::vector<Change> changes = DiffSample(r, "sample.json");
  std::vector<std::string> acting = Acting(changes);
  REQUIRE(acting.size() == 1);
  CHECK((acting[0] == "update firewall.rule loopback" || acting[0] == "update firewall.rule blocked"));
  const Change& moved = Find(changes, acting[0].substr(acting[0].rfind(' ') + 1));
  REQUIRE(moved.fields.size() == 1);
  CHECK(moved.fields[0].field == "position");
}

TEST_CASE("firewall diff: a field changed in the specs is an update of that field",
          "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  r.At(7).fields["dport"] = 2222;  // ssh
  r.At(2).fields["policy"] = "accept";  // chain input
  std::vector<Change> changes = DiffSample(r, "sample.json");
  const Change& ssh = Find(changes, "ssh");
  REQUIRE(ssh.fields.size() == 1);
  CHECK(ssh.fields[0].field == "dport");
  CHECK(ssh.fields[0].before == 22);
  CHECK(ssh.fields[0].after == 2222);
  const Change& input = Find(changes, "input");
  CHECK(input.kind == ChangeKind::kUpdate);
  CHECK(input.fields[0].field == "policy");
  CHECK(Acting(changes).size() == 2);
}

TEST_CASE("firewall diff: removing a resource from the specs deletes it", "[firewall]") {
  test::Resources all;
  test::AddSample(all);
  test::Resources fewer;
  for (const catalog::Resource* res : all.All()) {
    if (res->name != "icmp" && res->name != "web_in" && res->name != "internal" &&
        res->name != "web" && res->name != "admins" && res->name != "ssh") {
      fewer.Add(res->type, res->name, res->fields);
    }
  }
  std::vector<Change> changes = DiffSample(fewer, "sample.json");
  CHECK(Acting(changes) ==
        std::vector<std::string>{"delete firewall.set admins", "delete firewall.rule ssh",
                                 "delete firewall.rule web", "delete firewall.rule icmp",
                                 "delete firewall.chain web_in", "delete firewall.rule internal"});
}

TEST_CASE("firewall diff: a dynamic set's live elements are no drift", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  std::vector<Change> changes = DiffSample(r, "sample.json");
  const Change& set = Find(changes, "blocklist");
  CHECK(set.kind == ChangeKind::kNothing);
  CHECK_THAT(set.reasons.back(), Catch::Contains("2 live element(s) are kept"));

  r.At(0).fields["dynamic"] = false;
  CHECK(Find(DiffSample(r, "sample.json"), "blocklist").kind == ChangeKind::kUpdate);
}

TEST_CASE("firewall diff: fingerprints follow the live object", "[firewall]") {
  test::Resources r;
  test::AddSample(r);
  std::string before = Find(DiffSample(r, "sample.json"), "icmp").fingerprint;
  CHECK(before == Find(DiffSample(r, "sample.json"), "icmp").fingerprint);
  CHECK(before != Find(DiffSample(r, "sample.json"), "loopback").fingerprint);
  CHECK(Fingerprint(json{{"a", 1}}) == Fingerprint(json{{"a", 1}}));
  CHECK(Fingerprint(json{{"a", 1}}) != Fingerprint(json{{"a", 2}}));
}

}  // namespace kilter::reconciler::firewall
