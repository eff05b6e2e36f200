#pragma once

#include <string>
#include <vector>

/// What a provider test says the fake host holds, one fact per record of the
/// provider's read ("file PATH", "snapshots 0", "health 0 blue HOST:PORT"),
/// chained with +: Record("now", "-", 0, t) + Record("file", path, 0, text).
namespace kilter::testing {

struct Fact {
  std::string kind, key;
  int rc;
  std::string data;
};
using Facts = std::vector<Fact>;

/// One fact.
inline Facts Record(const std::string& kind, const std::string& key, int rc,
                    const std::string& data) {
  return {{kind, key, rc, data}};
}

/// Both lists of facts, in order.
inline Facts operator+(Facts a, const Facts& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace kilter::testing
