#pragma once

#include <string>

#include "compiler/base/diagnostic.h"

namespace kilter::compiler {

/// How text diagnostics look: ANSI colours only when the output is a terminal
/// that wants them (the CLI decides from --color, NO_COLOR and isatty).
struct TextStyle {
  bool color = false;
};

/// One diagnostic as people read it:
///   FILE:LINE:COL: error[CODE]: message
///    LINE | the source line
///         |     ^~~~~ under the span
///     = hint: ...
/// followed by each related span as a `note:` with its own snippet. Columns
/// count code points; tabs and wide characters are expanded so the caret sits
/// under the right character.
std::string RenderText(const Diagnostic& diag, const TextStyle& style);

/// Every diagnostic of `diags` (in their order), then the "N errors, M warnings" line.
std::string RenderText(const Diagnostics& diags, const TextStyle& style);

/// "2 errors, 1 warning", with a note when errors were dropped past the limit.
std::string Summary(const Diagnostics& diags);

}  // namespace kilter::compiler
