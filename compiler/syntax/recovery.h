#pragma once

/// Statement-level error recovery: where to resume after a syntax error, so
/// one run reports every broken statement of a file, not only the first.
namespace kilter::compiler::syntax {

/// Skips the statement starting at `start` (which failed to parse) and
/// returns where the next one starts: the first line, at bracket depth zero,
/// that begins with a statement keyword or a resource header; or a line that
/// begins a statement no more indented than the failed one (an unclosed brace
/// must not swallow the rest of the file). Inside a block (`nested`) it also
/// stops before the '}' that closes the block. Strings and comments are
/// skipped as such. Always moves past `start` unless at the end.
const char* SkipStatement(const char* start, const char* line_begin, const char* end, bool nested);

/// True when the text at `p` begins a statement: a statement keyword, or a
/// (dotted) resource type followed by a string.
bool StartsStatement(const char* p, const char* end);

}  // namespace kilter::compiler::syntax
