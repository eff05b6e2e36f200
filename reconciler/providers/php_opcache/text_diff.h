#pragma once

#include <string>

namespace kilter::reconciler::php_opcache {

/// A unified-style line diff of two small files for a plan's action detail:
/// "--- path", "+++ path", then every line prefixed with ' ', '-' or '+'.
/// Ini files hold tens of lines, so a whole-file listing reads better than
/// hunks with context.
std::string LineDiff(const std::string& path, const std::string& before,
                     const std::string& after);

}  // namespace kilter::reconciler::php_opcache
