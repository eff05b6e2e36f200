#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kilter::reconciler {

/// "250ms", "90s", "5m", "2h", "7d" (as the language writes durations);
/// nullopt when `text` is not one.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace kilter::reconciler
