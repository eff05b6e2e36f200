#include "reconciler/plan/shard.h"

#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler {

std::string Shard::Name() const { return fmt::format("{}/{}", index, count); }

namespace {

/// A whole number of at most 4 digits, or -1.
int SmallNumber(const std::string& text) {
  if (text.empty() || text.size() > 4) return -1;
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Shard ParseShard(const std::string& text) {
  size_t slash = text.find('/');
  int index = slash == std::string::npos ? -1 : SmallNumber(text.substr(0, slash));
  int count = slash == std::string::npos ? -1 : SmallNumber(text.substr(slash + 1));
  if (index < 1 || count < 1 || index > count) {
    throw std::invalid_argument(fmt::format(
        "--shard takes K/N, share K of N with 1 <= K <= N (such as 1/2), not \"{}\"", text));
  }
  return {index, count};
}

int ShardOf(const std::string& host, int count) {
  // A partition function, not a digest: FNV-1a (64 bit) is fixed by its
  // definition, so every machine and build puts a host in the same share.
  // Changing it moves hosts between shards: a plan format version bump.
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : host) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return static_cast<int>(hash % static_cast<uint64_t>(count)) + 1;
}

bool InShard(const std::string& host, const Shard& shard) {
  return ShardOf(host, shard.count) == shard.index;
}

}  // namespace kilter::reconciler
