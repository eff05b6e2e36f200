#pragma once

#include <optional>
#include <string>
#include <string_view>

/// The one rendering of a file diff: every provider shows what a write or a
/// removal of a file does through it, and renderers print it as given.
namespace kilter::reconciler::kit {

/// A unified diff (`diff -u` format: "--- from", "+++ to", "@@" hunks with
/// `context` lines around each change) of two texts, line by line; empty when
/// they are equal. A last line without a newline is marked
/// "\ No newline at end of file" as diff does. Very different texts (more than
/// a few thousand edits) are shown as all removed, all added.
std::string UnifiedDiff(std::string_view before, std::string_view after,
                        const std::string& from_label, const std::string& to_label,
                        int context = 3);

/// The detail of an action on the file at `path`: the diff from `before` to
/// `after`, where an absent side (nullopt: a create or a removal) is
/// /dev/null, as diff labels it.
std::string FileDiff(const std::string& path, const std::optional<std::string>& before,
                     const std::optional<std::string>& after);

}  // namespace kilter::reconciler::kit
