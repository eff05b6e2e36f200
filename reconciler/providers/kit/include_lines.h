#pragma once

#include <string>
#include <vector>

/// The include lines of a configuration file, as a batch's include tree
/// (batch_read.h, AddTree) follows them: redis.conf's `include PATH`,
/// nginx's `include PATH;`.
namespace kilter::reconciler::kit {

/// Deepest include a tree follows: a file that includes itself ends there.
inline constexpr int kMaxIncludeDepth = 10;

/// What each line whose first word is `directive` (in any case) names, in
/// file order: the next word, ended by a blank or ';'. Each is a path or a
/// shell glob, as written.
std::vector<std::string> IncludedPatterns(const std::string& content,
                                          const std::string& directive);

/// Throws std::invalid_argument unless `directive` is a word of letters,
/// digits, '_' and '-' (the batch script puts it in a sed expression).
void CheckDirective(const std::string& directive);

}  // namespace kilter::reconciler::kit
