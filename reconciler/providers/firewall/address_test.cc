#include "reconciler/providers/firewall/address.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::firewall {

TEST_CASE("firewall address: parses hosts and networks, clearing host bits", "[firewall]") {
  CHECK(Prefix::Parse("10.0.0.1")->ToString() == "10.0.0.1");
  CHECK(Prefix::Parse("10.1.2.3/8")->ToString() == "10.0.0.0/8");
  CHECK(Prefix::Parse("0.0.0.0/0")->ToString() == "0.0.0.0/0");
  CHECK(Prefix::Parse("2001:DB8:0:0::1/32")->ToString() == "2001:db8::/32");
  CHECK(Prefix::Parse("::1")->ToString() == "::1");
  CHECK(Prefix::Parse("10.0.0.1/32")->ToString() == "10.0.0.1");
}

TEST_CASE("firewall address: rejects what is no address", "[firewall]") {
  CHECK_FALSE(Prefix::Parse("10.0.0.256"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/33"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/8x"));
  CHECK_FALSE(Prefix::Parse("eth0"));
  CHECK_FALSE(Prefix::Parse("::/129"));
}

TEST_CASE("firewall address: containment respects family and length", "[firewall]") {
  auto net = *Prefix::Parse("10.0.0.0/8");
  CHECK(net.Contains(*Prefix::Parse("10.200.0.0/16")));
  CHECK(net.Contains(*Prefix::Parse("10.0.0.7")));
  CHECK_FALSE(net.Contains(*Prefix::Parse("11.0.0.7")));
  CHECK_FALSE(net.Contains(*Prefix::Parse("0.0.0.0/0")));
  CHECK(Prefix::Parse("0.0.0.0/0")->Contains(net));
  CHECK_FALSE(Prefix::Parse("0.0.0.0/0")->Contains(*Prefix::Parse("::1")));
  CHECK(Prefix::Parse("2001:db8::/32")->Contains(*Prefix::Parse("2001:db8:1::5")));
}

}  // namespace kilter::reconciler::firewall
