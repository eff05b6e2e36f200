#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/syntax/ast.h"

/// The literal forms of the language: units of sizes and durations, number
/// classification with its errors, and string escaping. Shared by the parser
/// (which checks literals), the printer (which writes strings back) and the
/// evaluator (which turns literal text into values).
namespace kilter::compiler::literals {

/// A unit suffix and what one of it is worth (bytes for sizes, milliseconds
/// for durations).
struct Unit {
  std::string_view suffix;
  uint64_t factor;
};

inline constexpr Unit kSizeUnits[] = {
    {"B", 1},
    {"KiB", 1ull << 10},
    {"MiB", 1ull << 20},
    {"GiB", 1ull << 30},
    {"TiB", 1ull << 40},
    {"KB", 1000ull},
    {"MB", 1000ull * 1000},
    {"GB", 1000ull * 1000 * 1000},
    {"TB", 1000ull * 1000 * 1000 * 1000},
};

/// Largest first: a compound duration (`1h30m`) lists its parts in this order.
inline constexpr Unit kDurationUnits[] = {
    {"d", 86400000ull}, {"h", 3600000ull}, {"m", 60000ull}, {"s", 1000ull}, {"ms", 1ull},
};

/// What a number-like token is, or why it is not a valid literal.
struct NumberClass {
  ast::Expr::Kind kind = ast::Expr::Kind::kInt;
  std::string code;  ///< empty when valid; else E0104 (number/unit) or E0105 (ip/cidr)
  std::string message;
  std::string hint;
};

/// Classifies the text matched by the grammar's number rule: int, float,
/// size, duration, ip or cidr, with a precise error when it is none of them.
NumberClass ClassifyNumber(std::string_view text);

/// The value of a size literal in bytes (`256MiB` -> 268435456); nullopt when
/// the text is not a size literal or overflows 64 bits.
std::optional<uint64_t> SizeBytes(std::string_view text);

/// The value of a duration literal in milliseconds (`1h30m` -> 5400000);
/// nullopt when the text is not a duration literal or overflows 64 bits.
std::optional<uint64_t> DurationMillis(std::string_view text);

/// The source form of literal string text: `"` `\` `${` and control
/// characters escaped, so parsing it back gives `text` again.
std::string EscapeString(std::string_view text);

/// True when `text` can be written as a bare word (an identifier).
bool IsIdentifier(std::string_view text);

}  // namespace kilter::compiler::literals
