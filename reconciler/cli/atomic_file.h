#pragma once

#include <string>
#include <string_view>

namespace kilter::cli {

/// Replaces `path` with `content` so that readers see either the old file or
/// the whole new one, never a part: a temporary file beside it is written,
/// fsynced, given the old file's permissions and renamed over it. Throws
/// std::runtime_error naming the path and the reason; the old file is then
/// untouched and the temporary file removed.
void WriteFileAtomically(const std::string& path, std::string_view content);

/// Writes a command's result to `path` as -o asks: "-" is standard output, an
/// existing file that is not a regular file (/dev/stdout, a pipe) is written
/// in place, anything else is replaced atomically. Throws like WriteFileAtomically.
void WriteOutput(const std::string& path, std::string_view content);

}  // namespace kilter::cli
