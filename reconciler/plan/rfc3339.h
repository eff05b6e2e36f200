#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kilter::reconciler {

/// Seconds since the epoch of an RFC 3339 time as kilter (NowUtc) and restic
/// print it ("2026-11-27T03:00:00.123456789+01:00" or "...Z"); nullopt if
/// malformed.
std::optional<int64_t> ParseRfc3339(const std::string& text);

/// Seconds since the epoch as RFC 3339 UTC to the second ("2026-11-27T03:00:00Z").
std::string FormatRfc3339(int64_t unix);

}  // namespace kilter::reconciler
