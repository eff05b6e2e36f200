#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kilter::reconciler {

/// "250ms", "90s", "5m", "2h", "7d" (as the language writes durations);
/// nullopt when `text` is not one.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text);

/// A duration setting from kilter.toml: a duration string, or an integer
/// number of milliseconds (how the catalog normalises durations).
std::optional<std::chrono::milliseconds> DurationSetting(const nlohmann::json& value);

}  // namespace kilter::reconciler
