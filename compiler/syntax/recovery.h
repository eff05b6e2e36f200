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
/// skipped as such. Never returns a point before `floor` (the line of the
/// furthest error), so text before an error is not parsed again.
const char* SkipStatement(const char* start, const char* line_begin, const char* floor,
                          const char* end, bool nested);

/// Skips the resource field starting at `start` (which failed to parse) and
/// returns where the next field, or the body's closing '}', starts; null when
/// the body itself looks broken (the next line starts a statement, or the
/// input ends), so that statement-level recovery takes over. Never returns
/// a point before `floor`.
const char* SkipField(const char* start, const char* floor, const char* end);

/// True when the text at `p` begins a statement: a statement keyword, or a
/// (dotted) resource type followed by a string.
bool StartsStatement(const char* p, const char* end);

}  // namespace kilter::compiler::syntax
