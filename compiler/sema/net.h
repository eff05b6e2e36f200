#pragma once

#include <string>
#include <string_view>

/// IP addresses and CIDR networks, IPv4 and IPv6, validated and written in
/// canonical form (the form the catalog holds and providers compare).
namespace kilter::compiler::net {

/// The result of parsing: `canonical` on success, `error` (a sentence) otherwise.
struct Parsed {
  std::string canonical;
  std::string error;
  bool ok() const { return error.empty(); }
};

/// `10.0.0.1`, `2001:db8::1` -> canonical text (IPv6 compressed, lower case).
Parsed ParseIp(std::string_view text);

/// `10.0.0.0/8`, `2001:db8::/32`. A network with host bits set
/// (`10.0.0.5/8`) is an error naming the network that was probably meant.
Parsed ParseCidr(std::string_view text);

}  // namespace kilter::compiler::net
