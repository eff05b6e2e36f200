#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/base/source.h"

namespace kilter::compiler {

/// Where a span is, counted the way people and editors count: 1-based lines
/// and 1-based columns in Unicode code points. The end is exclusive (the
/// column just past the span), as SARIF regions want it.
struct Location {
  std::string file;  ///< empty when the span is invalid (a diagnostic about no file)
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;
};

/// The location of a span; all zero with an empty file for an invalid span.
Location Locate(const Span& span);

/// The number of code points in UTF-8 text (continuation bytes do not count).
uint32_t CodePoints(std::string_view text);

/// The byte offset of a 1-based line and 1-based code-point column, as other
/// parsers (tomlplusplus) report positions; clamped to the end of that line.
uint32_t OffsetOf(const SourceFile& file, uint32_t line, uint32_t column);

}  // namespace kilter::compiler
