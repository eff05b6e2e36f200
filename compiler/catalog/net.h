#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// IP addresses and CIDR networks, IPv4 and IPv6: the one parser the compiler
/// (validating and writing canonical forms) and the reconciler (comparing
/// what nft prints) share.
namespace kilter::catalog::net {

/// An IPv4 or IPv6 network: an address with a prefix length. A single host is
/// a prefix of full length. Host bits are always cleared, so two spellings of
/// one network compare equal.
struct Prefix {
  int family = 4;  ///< 4 or 6
  std::array<uint8_t, 16> bytes{};
  int length = 32;

  /// Parses "10.0.0.1", "10.0.0.0/8", "2001:db8::/32"; nullopt when invalid.
  static std::optional<Prefix> Parse(std::string_view text);

  /// The form nft prints: "10.0.0.1" for a host, "10.0.0.0/8" for a network.
  std::string ToString() const;

  /// The address alone, canonical ("2001:db8::1": IPv6 compressed, lower case).
  std::string AddressText() const;

  /// True when every address of `other` is in this prefix (same family).
  bool Contains(const Prefix& other) const;

  /// The family's longest prefix length: 32 or 128.
  int MaxLength() const { return family == 4 ? 32 : 128; }

  bool operator==(const Prefix&) const = default;
};

/// The result of parsing: `canonical` on success, `error` (a sentence)
/// otherwise.
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

}  // namespace kilter::catalog::net
