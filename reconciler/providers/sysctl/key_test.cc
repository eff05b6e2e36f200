#include "reconciler/providers/sysctl/key.h"

#include <stdexcept>

#include <catch2/catch.hpp>

namespace kilter::reconciler::sysctl {

TEST_CASE("sysctl key: dotted and slashed names meet in one form", "[sysctl]") {
  CHECK(NormalKey("net.core.somaxconn") == "net.core.somaxconn");
  CHECK(NormalKey("net/core/somaxconn") == "net.core.somaxconn");
  CHECK(NormalKey("net/ipv4/conf/eth0.100/rp_filter") == "net.ipv4.conf.eth0/100.rp_filter");
  CHECK(ProcPath("net.ipv4.conf.eth0/100.rp_filter") == "net/ipv4/conf/eth0.100/rp_filter");
  CHECK(ProcPath(NormalKey("net.core.somaxconn")) == "net/core/somaxconn");
}

TEST_CASE("sysctl value: tabs, spaces and line ends compare equal", "[sysctl]") {
  CHECK(CanonicalValue("4096\t131072\t6291456\n") == "4096 131072 6291456");
  CHECK(CanonicalValue("  4096   131072 6291456") == "4096 131072 6291456");
  CHECK(CanonicalValue("4096") == "4096");
  CHECK(CanonicalValue("") == "");
}

TEST_CASE("sysctl value: ints and one-line strings, nothing else", "[sysctl]") {
  CHECK(DeclaredValue(4096) == "4096");
  CHECK(DeclaredValue(-1) == "-1");
  CHECK(DeclaredValue("32768 60999") == "32768 60999");
  CHECK_THROWS_WITH(DeclaredValue(true), "must be an int or a string, not true");
  CHECK_THROWS_WITH(DeclaredValue(1.5), "must be an int or a string, not 1.5");
  CHECK_THROWS_WITH(DeclaredValue("1\n2"), "must be one line");
}

}  // namespace kilter::reconciler::sysctl
