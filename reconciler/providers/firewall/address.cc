#include "reconciler/providers/firewall/address.h"

#include <arpa/inet.h>

#include <charconv>

namespace kilter::reconciler::firewall {

namespace {

void ClearHostBits(Prefix& p) {
  int bytes = p.family == 4 ? 4 : 16;
  for (int i = 0; i < bytes; ++i) {
    int keep = p.length - i * 8;
    if (keep >= 8) continue;
    p.bytes[i] &= keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
  }
}

}  // namespace

std::optional<Prefix> Prefix::Parse(std::string_view text) {
  std::string addr(text);
  std::optional<int> length;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr = std::string(text.substr(0, slash));
    std::string_view digits = text.substr(slash + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
      return std::nullopt;
    }
    length = n;
  }
  Prefix p;
  if (inet_pton(AF_INET, addr.c_str(), p.bytes.data()) == 1) {
    p.family = 4;
  } else if (inet_pton(AF_INET6, addr.c_str(), p.bytes.data()) == 1) {
    p.family = 6;
  } else {
    return std::nullopt;
  }
  p.length = length.value_or(p.MaxLength());
  if (p.length < 0 || p.length > p.MaxLength()) return std::nullopt;
  ClearHostBits(p);
  return p;
}

std::string Prefix::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
  std::string out = buf;
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

}  // namespace kilter::reconciler::firewall
