#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kilter::compiler {

/// Levenshtein distance between `a` and `b`, giving up (returning a value
/// above `max`) as soon as it exceeds `max`, so a long candidate list stays cheap.
size_t EditDistance(std::string_view a, std::string_view b, size_t max);

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be what the user meant (at most a third of the word's length, at least 1
/// edit, ties broken by list order); empty otherwise.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean X?" for the closest candidate, or empty: the hint every
/// unknown-name diagnostic gives.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kilter::compiler
