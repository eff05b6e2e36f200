#include "compiler/catalog/net.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <charconv>

namespace kilter::catalog::net {

namespace {

void ClearHostBits(Prefix& p) {
  for (int i = 0; i < (p.family == 4 ? 4 : 16); ++i) {
    int keep = p.length - i * 8;
    if (keep >= 8) continue;
    p.bytes[i] &= keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
  }
}

/// An address without a prefix length, as a full-length prefix.
std::optional<Prefix> ParseAddress(std::string_view text) {
  std::string copy(text);
  Prefix p;
  if (inet_pton(AF_INET, copy.c_str(), p.bytes.data()) == 1) {
    p.family = 4;
  } else if (inet_pton(AF_INET6, copy.c_str(), p.bytes.data()) == 1) {
    p.family = 6;
  } else {
    return std::nullopt;
  }
  p.length = p.MaxLength();
  return p;
}

/// A prefix length: digits only, nullopt otherwise.
std::optional<int> ParseLength(std::string_view digits) {
  int n = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return n;
}

std::string WhyNotIp(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    return fmt::format("`{}` is not a valid IPv6 address", text);
  }
  // Name the octet that is wrong: the usual mistake is one out of 0..255.
  int parts = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    ++parts;
    int n = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) {
      return fmt::format("`{}` is not a valid IPv4 address: `{}` is not a number", text, part);
    }
    if (n > 255) {
      return fmt::format("`{}` is not a valid IPv4 address: {} is out of range 0..255", text, n);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts == 4) {
    return fmt::format(
        "`{}` is not a valid IPv4 address: write each part "
        "without leading zeros",
        text);
  }
  return fmt::format("`{}` is not a valid IPv4 address: it has {} parts, not 4", text, parts);
}

}  // namespace

std::optional<Prefix> Prefix::Parse(std::string_view text) {
  size_t slash = text.find('/');
  std::optional<Prefix> p = ParseAddress(text.substr(0, slash));
  if (!p || slash == std::string_view::npos) return p;
  std::optional<int> length = ParseLength(text.substr(slash + 1));
  if (!length || *length < 0 || *length > p->MaxLength()) return std::nullopt;
  p->length = *length;
  ClearHostBits(*p);
  return p;
}

std::string Prefix::AddressText() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

std::string Prefix::ToString() const {
  std::string out = AddressText();
  if (length != MaxLength()) out += "/" + std::to_string(length);
  return out;
}

bool Prefix::Contains(const Prefix& other) const {
  if (family != other.family || other.length < length) return false;
  Prefix masked = other;
  masked.length = length;
  ClearHostBits(masked);
  return masked.bytes == bytes;
}

Parsed ParseIp(std::string_view text) {
  std::optional<Prefix> a = ParseAddress(text);
  if (!a) return {{}, WhyNotIp(text)};
  return {a->AddressText(), {}};
}

Parsed ParseCidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return {{},
            fmt::format("`{}` is not a network: it needs a prefix length, like {}/24", text, text)};
  }
  std::string_view addr = text.substr(0, slash);
  std::optional<Prefix> a = ParseAddress(addr);
  if (!a) return {{}, WhyNotIp(addr)};
  std::optional<int> length = ParseLength(text.substr(slash + 1));
  if (!length || *length < 0 || *length > a->MaxLength()) {
    return {{},
            fmt::format("`{}` is not a network: the prefix length must be 0..{}", text,
                        a->MaxLength())};
  }
  Prefix network = *a;
  network.length = *length;
  ClearHostBits(network);
  std::string canonical = fmt::format("{}/{}", network.AddressText(), *length);
  if (network.bytes != a->bytes) {
    return {{}, fmt::format("`{}` has host bits set; the network is {}", text, canonical)};
  }
  return {canonical, {}};
}

}  // namespace kilter::catalog::net
