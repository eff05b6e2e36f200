#pragma once

#include <nlohmann/json.hpp>

#include "compiler/base/diagnostic.h"

namespace kilter::compiler {

/// The diagnostics as the JSON document described in docs/diagnostics.md:
/// {"version": 1, "diagnostics": [...], "errors": N, "warnings": M, "dropped": K}.
nlohmann::json RenderJson(const Diagnostics& diags);

/// One location as JSON: {"file", "line", "column", "end_line", "end_column"};
/// null for a span that points at no file.
nlohmann::json LocationJson(const Span& span);

}  // namespace kilter::compiler
