#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// Sizes (bytes) and durations (milliseconds): parsing literals such as
/// `256MiB` or `250ms` and writing values back the way a person would.
namespace kilter::catalog::units {

/// Why a size or duration text did not parse; empty `error` means it did.
struct Parsed {
  int64_t value = 0;
  std::string error;
};

/// `512B 64KiB 256MiB 2GiB 1TiB` (binary) or `64KB 256MB 2GB 1TB` (decimal);
/// a fractional number is allowed when the result is a whole number of bytes.
Parsed ParseSize(std::string_view text);

/// `250ms 2s 5m 1h 7d`; a fractional number is allowed when the result is a
/// whole number of milliseconds.
Parsed ParseDuration(std::string_view text);

/// The shortest exact spelling: 268435456 -> "256MiB", 1500000 -> "1500KB".
std::string FormatSize(int64_t bytes);

/// The shortest exact spelling: 300000 -> "5m", 1500 -> "1500ms".
std::string FormatDuration(int64_t ms);

/// The unit a size or duration literal is written in: "256MiB" -> "MiB",
/// "1h30m" -> "m" (its last part); empty when `literal` is neither.
std::string UnitOf(std::string_view literal);

/// `bytes` in `unit` when that is exact (268435456, "MiB" -> "256MiB";
/// 1048576, "KiB" -> "1024KiB"), else as FormatSize spells it; so a value is
/// shown the way the spec wrote its own.
std::string FormatSizeIn(int64_t bytes, std::string_view unit);

/// `ms` in `unit` when that is exact (60000, "s" -> "60s"), else as
/// FormatDuration spells it.
std::string FormatDurationIn(int64_t ms, std::string_view unit);

}  // namespace kilter::catalog::units
