#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kilter::compiler {

/// Levenshtein distance between `a` and `b` (insert, delete, substitute, and
/// swapping two adjacent characters each cost 1). Stops early and returns
/// `limit + 1` once the distance is known to exceed `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

/// The candidate closest to `word`, if one is close enough to be a likely typo
/// (distance at most a third of the word's length, at least 1; or the same
/// word in another case); empty otherwise. Ties go to the earliest candidate.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean X?" for the closest candidate, or empty when none is close:
/// the one wording of every did-you-mean hint.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kilter::compiler
