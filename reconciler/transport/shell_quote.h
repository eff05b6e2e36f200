#pragma once

#include <string>
#include <vector>

namespace kilter::reconciler {

/// `word` as one POSIX sh word: unchanged when it holds only characters the
/// shell never interprets, otherwise in single quotes (a quote inside becomes
/// '\''). Works for any byte string except one holding NUL.
std::string ShellQuote(const std::string& word);

/// Every word quoted and joined by spaces: a command line that /bin/sh splits
/// back into exactly `argv`.
std::string ShellJoin(const std::vector<std::string>& argv);

}  // namespace kilter::reconciler
