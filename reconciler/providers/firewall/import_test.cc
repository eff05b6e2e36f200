#include "reconciler/providers/firewall/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::firewall {

namespace {

LiveTable Live() {
  LiveTable live;
  Chain input{"input", "input", "filter", 0, "drop", {}, nullptr, nullptr};
  Rule ssh;
  ssh.name = "ssh";
  ssh.chain = "input";
  ssh.proto = "tcp";
  ssh.dport = {{22, 22}};
  ssh.action = "accept";
  Rule web = ssh;
  web.name = "web";
  web.dport = {{80, 80}, {8000, 8100}};
  web.saddr = AddressMatch{"admins", {}};
  web.limit = Limit{10, "second", 5};
  web.counter = true;
  Rule hand;
  hand.chain = "input";
  hand.action = "accept";
  hand.handle = 9;
  input.rules = {ssh, web, hand};
  Chain output{"output", "output", "filter", 0, "accept", {}, nullptr, nullptr};
  Rule out = ssh;
  out.name = "out";
  out.chain = "output";
  out.action = "drop";
  output.rules = {out};
  live.table.chains = {input, output};
  live.table.sets = {{"admins", "ipv4_addr", {"interval"}, {"10.0.0.0/8", "192.0.2.1"}, {}, false, 0, 0, false, nullptr}};
  live.foreign = {"map inet kilter ports"};
  return live;
}

}  // namespace

TEST_CASE("firewall import: sets, non-implicit chains and marked rules in table order",
          "[firewall][import]") {
  kit::SpecFile file = ImportedTable("fw", Live(), {}, {"ssh"});
  CHECK(file.notes ==
        "not imported: map inet kilter ports: kilter never makes it\n"
        "not imported: a rule of chain input (handle 9): it has no kilter mark in its comment\n");
  CHECK(kit::RenderSpec("", {file.resources, ""}) ==
        "\nfirewall.set \"admins\" on fw {\n"
        "  type = \"ipv4_addr\"\n"
        "  elements = [\"10.0.0.0/8\", \"192.0.2.1\"]\n"
        "  flags = [\"interval\"]\n"
        "}\n"
        "\nfirewall.chain \"input\" on fw {\n"
        "  hook = \"input\"\n"
        "  policy = \"drop\"\n"
        "}\n"
        "\nfirewall.rule \"web\" on fw {\n"
        "  chain = \"input\"\n"
        "  saddr = \"@admins\"\n"
        "  proto = \"tcp\"\n"
        "  dport = [80, 8000..8100]\n"
        "  limit = {\n\"rate\" = \"10/second\"\n\"burst\" = 5\n}\n"
        "  counter = true\n"
        "}\n"
        "\nfirewall.rule \"out\" on fw {\n"
        "  chain = \"output\"\n"
        "  proto = \"tcp\"\n"
        "  dport = 22\n"
        "  action = \"drop\"\n"
        "}\n");
}

TEST_CASE("firewall import: --chain keeps one chain and its rules, no sets",
          "[firewall][import]") {
  kit::SpecFile file = ImportedTable("fw", Live(), {"output"}, {});
  REQUIRE(file.resources.size() == 1);
  CHECK(file.resources[0].name == "out");
}

}  // namespace kilter::reconciler::firewall
