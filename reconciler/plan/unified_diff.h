#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler {

/// A unified diff (`diff -u` format: "--- from", "+++ to", "@@" hunks with
/// `context` lines around each change) of two texts, line by line; empty when
/// they are equal. A last line without a newline is marked
/// "\ No newline at end of file" as diff does. Very different texts (more than
/// a few thousand edits) are shown as all removed, all added.
std::string UnifiedDiff(std::string_view before, std::string_view after,
                        const std::string& from_label, const std::string& to_label,
                        int context = 3);

}  // namespace kilter::reconciler
