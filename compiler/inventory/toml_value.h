#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "compiler/base/source.h"

/// Helpers that turn tomlplusplus values and positions into kilter's terms.
/// Private to the inventory loader: nothing outside compiler/inventory/ sees toml++.
namespace kilter::compiler::toml_value {

/// A TOML value as JSON: tables become objects, dates and times ISO 8601 strings.
nlohmann::json ToJson(const toml::node& node);

/// "a string", "an integer", "a table"...: for "must be X, not Y" messages.
std::string TypeName(const toml::node& node);

/// The span of a region tomlplusplus reports (1-based line, code-point column).
/// A region that ends where it starts covers one character.
Span RegionSpan(const SourceFile& file, const toml::source_region& region);

/// A 1-based line, code-point column position as a one-character span.
Span PointSpan(const SourceFile& file, const toml::source_position& position);

}  // namespace kilter::compiler::toml_value
