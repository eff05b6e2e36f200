#include "compiler/catalog/net.h"

#include <catch2/catch.hpp>

namespace kilter::catalog::net {

TEST_CASE("addresses are validated and made canonical", "[net]") {
  CHECK(ParseIp("10.0.0.1").canonical == "10.0.0.1");
  CHECK(ParseIp("2001:DB8:0:0::1").canonical == "2001:db8::1");
  CHECK(ParseIp("10.0.0.300").error ==
        "`10.0.0.300` is not a valid IPv4 address: 300 is out of range 0..255");
  CHECK(ParseIp("10.0.1").error == "`10.0.1` is not a valid IPv4 address: it has 3 parts, not 4");
  CHECK_FALSE(ParseIp("2001:db8::g").ok());
}

TEST_CASE("networks need a prefix and no host bits", "[net]") {
  CHECK(ParseCidr("10.0.0.0/8").canonical == "10.0.0.0/8");
  CHECK(ParseCidr("2001:db8::/32").canonical == "2001:db8::/32");
  CHECK(ParseCidr("0.0.0.0/0").canonical == "0.0.0.0/0");
  CHECK(ParseCidr("10.0.0.5/8").error ==
        "`10.0.0.5/8` has host bits set; the network is 10.0.0.0/8");
  CHECK(ParseCidr("10.0.0.0/33").error.find("prefix length must be 0..32") != std::string::npos);
  CHECK(ParseCidr("10.0.0.0").error.find("needs a prefix length") != std::string::npos);
}

TEST_CASE("net: parses hosts and networks, clearing host bits", "[net]") {
  CHECK(Prefix::Parse("10.0.0.1")->ToString() == "10.0.0.1");
  CHECK(Prefix::Parse("10.1.2.3/8")->ToString() == "10.0.0.0/8");
  CHECK(Prefix::Parse("0.0.0.0/0")->ToString() == "0.0.0.0/0");
  CHECK(Prefix::Parse("2001:DB8:0:0::1/32")->ToString() == "2001:db8::/32");
  CHECK(Prefix::Parse("::1")->ToString() == "::1");
  CHECK(Prefix::Parse("10.0.0.1/32")->ToString() == "10.0.0.1");
}

TEST_CASE("net: rejects what is no address", "[net]") {
  CHECK_FALSE(Prefix::Parse("10.0.0.256"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/33"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/"));
  CHECK_FALSE(Prefix::Parse("10.0.0.0/8x"));
  CHECK_FALSE(Prefix::Parse("eth0"));
  CHECK_FALSE(Prefix::Parse("::/129"));
}

TEST_CASE("net: containment respects family and length", "[net]") {
  auto net = *Prefix::Parse("10.0.0.0/8");
  CHECK(net.Contains(*Prefix::Parse("10.200.0.0/16")));
  CHECK(net.Contains(*Prefix::Parse("10.0.0.7")));
  CHECK_FALSE(net.Contains(*Prefix::Parse("11.0.0.7")));
  CHECK_FALSE(net.Contains(*Prefix::Parse("0.0.0.0/0")));
  CHECK(Prefix::Parse("0.0.0.0/0")->Contains(net));
  CHECK_FALSE(Prefix::Parse("0.0.0.0/0")->Contains(*Prefix::Parse("::1")));
  CHECK(Prefix::Parse("2001:db8::/32")->Contains(*Prefix::Parse("2001:db8:1::5")));
}

}  // namespace kilter::catalog::net
