// The firewall provider through the real local transport, nft running inside
// the estate's network namespace: the laws (apply then plan is empty, a second
// apply changes nothing, hand-made drift is found, reordering is a change),
// other tools' tables left byte-for-byte alone, dynamic sets kept, nft -c at
// plan time, and the commit-confirmed rollback firing for real.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "netns_host.h"

namespace kilter::firewall_it {

namespace {

void AddSsh(NetnsHost& h) {
  h.resources.Add("firewall.rule", "ssh-admin",
                  {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}, {"action", "accept"}});
}

}  // namespace

TEST_CASE("apply, then plan is empty; a second apply changes nothing", "[firewall]") {
  NetnsHost h("laws");
  reconciler::firewall::test::AddSample(h.resources);
  CHECK(h.Apply().size() == 16);
  std::string after_first = h.Nft("list table inet kilter");
  CHECK(NetnsHost::Describe(h.Plan()).empty());
  CHECK(h.Apply().empty());
  CHECK(h.Nft("list table inet kilter") == after_first);
  CHECK_THAT(after_first, Catch::Contains("comment \"kilter:ssh\""));
}

TEST_CASE("rules added or deleted by hand in kilter's table are drift, fixed by apply",
          "[firewall]") {
  NetnsHost h("drift");
  reconciler::firewall::test::AddSample(h.resources);
  h.Apply();
  h.Nft("insert rule inet kilter input tcp dport 9999 accept");
  std::string handle = h.Sh(h.env["NETNS_NFT"] +
                            " -a list chain inet kilter input | sed -n 's/.*\"kilter:icmp\" # "
                            "handle \\([0-9]*\\)/\\1/p'");
  h.Nft("delete rule inet kilter input handle " + handle);
  std::vector<std::string> drift = NetnsHost::Describe(h.Plan());
  REQUIRE(drift.size() == 2);
  CHECK(drift[0] == "create firewall.rule icmp");
  CHECK_THAT(drift[1], Catch::StartsWith("delete firewall.rule unmarked rule in chain input"));
  CHECK(h.Apply().size() == 2);
  CHECK(NetnsHost::Describe(h.Plan()).empty());
  CHECK_THAT(h.Nft("list chain inet kilter input"), !Catch::Contains("9999"));
}

TEST_CASE("reordering rules in the specs is a change, and the apply reorders", "[firewall]") {
  NetnsHost h("order");
  AddSsh(h);
  h.resources.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 443}});
  h.Apply();
  std::swap(h.resources.At(0), h.resources.At(1));
  std::vector<std::string> plan = NetnsHost::Describe(h.Plan());
  REQUIRE(plan.size() == 1);
  CHECK_THAT(plan[0], Catch::StartsWith("update firewall.rule"));
  h.Apply();
  std::string chain = h.Nft("list chain inet kilter input");
  CHECK(chain.find("kilter:web") < chain.find("kilter:ssh-admin"));
  CHECK(NetnsHost::Describe(h.Plan()).empty());
}

TEST_CASE("a dynamic set keeps its live elements across applies", "[firewall]") {
  NetnsHost h("dynamic");
  h.resources.Add("firewall.set", "banned",
                  {{"type", "ipv4_addr"}, {"dynamic", true}, {"flags", {"timeout"}},
                   {"elements", json::array()}});
  h.resources.Add("firewall.rule", "ban", {{"chain", "input"}, {"saddr", "@banned"}, {"action", "drop"}});
  h.Apply();
  h.Nft("add element inet kilter banned '{ 192.0.2.7 timeout 1h, 192.0.2.8 }'");
  CHECK(NetnsHost::Describe(h.Plan()).empty());
  AddSsh(h);
  CHECK(h.Apply() == std::vector<std::string>{"create firewall.rule ssh-admin"});
  std::string set = h.Nft("list set inet kilter banned");
  CHECK_THAT(set, Catch::Contains("192.0.2.7 timeout 1h expires") && Catch::Contains("192.0.2.8"));
}

TEST_CASE("plan runs nft -c on the host: what nft refuses fails the plan, changes nothing",
          "[firewall]") {
  NetnsHost h("check");
  AddSsh(h);
  h.Apply();
  std::string before = h.Nft("list ruleset");
  h.resources.Add("firewall.chain", "mangle", {{"hook", "input"}, {"type", "route"}});
  CHECK_THROWS_WITH(h.Plan(), Catch::Contains("fw1: `nft -c` on the host rejects the new table "
                                              "inet kilter"));
  CHECK(h.Nft("list ruleset") == before);
}

TEST_CASE("the rollback fires by itself when the fresh connection fails", "[firewall]") {
  NetnsHost h("rollback");
  AddSsh(h);
  h.Apply();
  std::string before = h.Nft("list table inet kilter");
  h.options.confirm_timeout = std::chrono::seconds(2);
  int attempts = 0;
  h.reconnect = [&]() -> std::unique_ptr<reconciler::Transport> {
    if (attempts++ == 0) throw reconciler::TransportError("fw1", "connection refused (simulated)");
    return reconciler::Connect(h.host, {});
  };
  h.resources.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 443}});
  CHECK_THROWS_WITH(h.Apply(), Catch::Contains("fw1: the change was rolled back") &&
                                   Catch::Contains("connection refused (simulated)"));
  CHECK(h.Nft("list table inet kilter") == before);
  CHECK(std::filesystem::exists(h.state_dir + "/firewall/inet-kilter.fired"));
}

TEST_CASE("a confirmed apply leaves no rollback behind, and writes only in the state directory",
          "[firewall]") {
  NetnsHost h("confirmed");
  h.state_dir += "-" + std::to_string(::getpid());
  std::filesystem::remove_all(h.state_dir);
  h.options.confirm_timeout = std::chrono::seconds(2);
  AddSsh(h);
  h.Apply();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK_THAT(h.Nft("list table inet kilter"), Catch::Contains("kilter:ssh-admin"));
  std::vector<std::string> written;
  for (const auto& e : std::filesystem::recursive_directory_iterator(h.state_dir)) {
    if (!e.is_directory()) written.push_back(std::filesystem::relative(e.path(), h.state_dir));
  }
  std::sort(written.begin(), written.end());
  CHECK(written == std::vector<std::string>{"firewall/inet-kilter.rollback.sh",
                                            "firewall/inet-kilter.saved.nft"});
  std::filesystem::remove_all(h.state_dir);
}

TEST_CASE("a transaction nft refuses at apply changes nothing and leaves no rollback armed",
          "[firewall]") {
  NetnsHost h("refused");
  AddSsh(h);
  h.Apply();
  std::string before = h.Nft("list ruleset");
  // Past the plan's nft -c: the apply's own load is what refuses it.
  h.resources.Add("firewall.chain", "mangle", {{"hook", "input"}, {"type", "route"}});
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  CHECK_THROWS_WITH(h.provider->Apply(*h.transport, h.Context(), changes),
                    Catch::Contains("fw1: nft refused the transaction on table inet kilter, "
                                    "nothing changed"));
  CHECK(h.Nft("list ruleset") == before);
  CHECK_FALSE(std::filesystem::exists(h.state_dir + "/firewall/inet-kilter.pid"));
  // No rollback is left pending to refuse the next apply.
  h.resources = {};
  AddSsh(h);
  h.resources.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 443}});
  CHECK(h.Apply() == std::vector<std::string>{"create firewall.rule web"});
}

}  // namespace kilter::firewall_it
