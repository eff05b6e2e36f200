#include "compiler/base/spellcheck.h"

#include <algorithm>

namespace kilter::compiler {

size_t EditDistance(std::string_view a, std::string_view b, size_t max) {
  // The length difference alone is a lower bound: skip the table when it is enough.
  size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > max) return max + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > max) return max + 1;
  }
  return row[b.size()];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  size_t max = std::max<size_t>(1, word.size() / 3);
  size_t best_distance = max + 1;
  const std::string* best = nullptr;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(word, c, max);
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  return best ? *best : std::string();
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = ClosestMatch(word, candidates);
  return match.empty() ? std::string() : "did you mean " + match + "?";
}

}  // namespace kilter::compiler
