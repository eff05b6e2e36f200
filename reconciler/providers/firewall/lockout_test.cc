#include "reconciler/providers/firewall/lockout.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/firewall/desired.h"
#include "reconciler/providers/firewall/test_helpers.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

namespace {

SshConnection Ssh() {
  SshConnection ssh;
  ssh.client = *Prefix::Parse("10.77.0.2");
  ssh.client_port = 51000;
  ssh.server = *Prefix::Parse("10.77.0.1");
  ssh.server_port = 2222;
  ssh.iface = "veth-k";
  return ssh;
}

std::optional<std::string> Check(test::Resources& r) {
  return FindLockout(BuildDesired("fw1", "inet kilter", r.All()), Ssh());
}

void DropInput(test::Resources& r) {
  r.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}});
}

}  // namespace

TEST_CASE("firewall lockout: a drop policy without an SSH rule locks kilter out", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 80}});
  auto why = Check(r);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("a new SSH connection from 10.77.0.2 to 10.77.0.1:2222") &&
                       Catch::Contains("the drop policy of chain input"));
}

TEST_CASE("firewall lockout: accepting the SSH port from kilter's address passes", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.rule", "ssh",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222}, {"saddr", "10.77.0.0/30"}});
  CHECK_FALSE(Check(r));
}

TEST_CASE("firewall lockout: an SSH rule for other addresses does not help", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.rule", "ssh",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222}, {"saddr", "203.0.113.0/24"}});
  CHECK(Check(r));
}

TEST_CASE("firewall lockout: an earlier drop rule wins over a later accept", "[firewall]") {
  test::Resources r;
  r.Add("firewall.rule", "deny-ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222},
                                      {"action", "drop"}});
  r.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222}});
  auto why = Check(r);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("firewall.rule \"deny-ssh\""));
}

TEST_CASE("firewall lockout: only established accepted cuts the next connection", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.rule", "est", {{"chain", "input"}, {"ct_state", {"established"}}});
  auto why = Check(r);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("a new SSH connection"));
}

TEST_CASE("firewall lockout: a rate-limited accept may not match", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222},
                                 {"limit", "3/minute"}});
  CHECK(Check(r));
}

TEST_CASE("firewall lockout: jumps are followed and return", "[firewall]") {
  test::Resources r;
  DropInput(r);
  r.Add("firewall.chain", "mgmt", {{"hook", nullptr}});
  r.Add("firewall.rule", "to-mgmt", {{"chain", "input"}, {"iif", "veth*"}, {"action", "jump"},
                                     {"target", "mgmt"}});
  r.Add("firewall.rule", "ssh", {{"chain", "mgmt"}, {"proto", "tcp"}, {"dport", 2222}});
  CHECK_FALSE(Check(r));

  test::Resources denied;
  DropInput(denied);
  denied.Add("firewall.chain", "mgmt", {{"hook", nullptr}});
  denied.Add("firewall.rule", "to-mgmt", {{"chain", "input"}, {"action", "jump"}, {"target", "mgmt"}});
  denied.Add("firewall.rule", "no-ssh",
             {{"chain", "mgmt"}, {"proto", "tcp"}, {"dport", 2222}, {"action", "reject"}});
  auto why = Check(denied);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("firewall.rule \"no-ssh\""));
}

TEST_CASE("firewall lockout: replies dropped on output cut the connection too", "[firewall]") {
  test::Resources r;
  r.Add("firewall.chain", "output", {{"hook", "output"}, {"policy", "drop"}});
  r.Add("firewall.rule", "dns", {{"chain", "output"}, {"proto", "udp"}, {"dport", 53}});
  auto why = Check(r);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("replies"));
}

TEST_CASE("firewall lockout: sets are looked into", "[firewall]") {
  test::Resources r;
  r.Add("firewall.set", "admins", {{"type", "ipv4_addr"}, {"elements", {"10.77.0.0/30"}}});
  r.Add("firewall.set", "banned", {{"type", "ipv4_addr"}, {"dynamic", true}});
  DropInput(r);
  r.Add("firewall.rule", "ban", {{"chain", "input"}, {"saddr", "@banned"}, {"action", "drop"}});
  r.Add("firewall.rule", "ssh",
        {{"chain", "input"}, {"saddr", "@admins"}, {"proto", "tcp"}, {"dport", 2222}});
  CHECK_FALSE(Check(r));
  // The same table once kilter's own address is banned (the provider adds the
  // live elements of a dynamic set before it asks).
  r.At(1).fields["elements"] = {"10.77.0.2"};
  auto why = Check(r);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("firewall.rule \"ban\""));
}

TEST_CASE("firewall lockout: other address families and protocols pass by", "[firewall]") {
  test::Resources r;
  r.Add("firewall.rule", "v6", {{"chain", "input"}, {"saddr", "::/0"}, {"action", "drop"}});
  r.Add("firewall.rule", "udp", {{"chain", "input"}, {"proto", "udp"}, {"action", "drop"}});
  r.Add("firewall.rule", "other-if", {{"chain", "input"}, {"iif", "eth1"}, {"action", "drop"}});
  CHECK_FALSE(Check(r));
}

}  // namespace kilter::reconciler::firewall
