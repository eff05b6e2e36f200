#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kilter::reconciler::firewall {

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

  /// True when every address of `other` is in this prefix (same family).
  bool Contains(const Prefix& other) const;

  /// The family's longest prefix length: 32 or 128.
  int MaxLength() const { return family == 4 ? 32 : 128; }

  bool operator==(const Prefix&) const = default;
};

}  // namespace kilter::reconciler::firewall
