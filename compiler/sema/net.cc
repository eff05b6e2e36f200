#include "compiler/sema/net.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstring>

namespace kilter::compiler::net {

namespace {

/// An address in network byte order; `family` is AF_INET or AF_INET6.
struct Address {
  int family = 0;
  unsigned char bytes[16] = {};
  int bits() const { return family == AF_INET ? 32 : 128; }
};

bool ToAddress(std::string_view text, Address& out) {
  std::string copy(text);
  if (copy.find(':') != std::string::npos) {
    out.family = AF_INET6;
    return inet_pton(AF_INET6, copy.c_str(), out.bytes) == 1;
  }
  out.family = AF_INET;
  return inet_pton(AF_INET, copy.c_str(), out.bytes) == 1;
}

std::string ToText(const Address& a) {
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(a.family, a.bytes, buffer, sizeof buffer);
  return buffer;
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
    return fmt::format("`{}` is not a valid IPv4 address: write each part without leading zeros",
                       text);
  }
  return fmt::format("`{}` is not a valid IPv4 address: it has {} parts, not 4", text, parts);
}

}  // namespace

Parsed ParseIp(std::string_view text) {
  Address a;
  if (!ToAddress(text, a)) return {{}, WhyNotIp(text)};
  return {ToText(a), {}};
}

Parsed ParseCidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return {{},
            fmt::format("`{}` is not a network: it needs a prefix length, like {}/24", text, text)};
  }
  Address a;
  std::string_view addr = text.substr(0, slash);
  if (!ToAddress(addr, a)) return {{}, WhyNotIp(addr)};
  std::string_view len_text = text.substr(slash + 1);
  int len = -1;
  auto [end, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  if (len_text.empty() || ec != std::errc() || end != len_text.data() + len_text.size() ||
      len < 0 || len > a.bits()) {
    return {{},
            fmt::format("`{}` is not a network: the prefix length must be 0..{}", text, a.bits())};
  }
  Address network = a;
  for (int bit = len; bit < a.bits(); ++bit) {
    network.bytes[bit / 8] &= static_cast<unsigned char>(~(0x80 >> (bit % 8)));
  }
  std::string canonical = fmt::format("{}/{}", ToText(network), len);
  if (std::memcmp(network.bytes, a.bytes, sizeof a.bytes) != 0) {
    return {{}, fmt::format("`{}` has host bits set; the network is {}", text, canonical)};
  }
  return {canonical, {}};
}

}  // namespace kilter::compiler::net
