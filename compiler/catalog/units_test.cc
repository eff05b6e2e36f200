#include "compiler/catalog/units.h"

#include <catch2/catch.hpp>

namespace kilter::catalog::units {
namespace {

TEST_CASE("sizes parse in binary and decimal units", "[units]") {
  CHECK(ParseSize("512B").value == 512);
  CHECK(ParseSize("64KiB").value == 64 * 1024);
  CHECK(ParseSize("256MiB").value == 256LL << 20);
  CHECK(ParseSize("2GiB").value == 2LL << 30);
  CHECK(ParseSize("1TiB").value == 1LL << 40);
  CHECK(ParseSize("256MB").value == 256'000'000);
  CHECK(ParseSize("1.5GiB").value == 1536LL << 20);
}

TEST_CASE("bad sizes say why", "[units]") {
  CHECK(ParseSize("256").error ==
        "`256` has no unit; a size needs one of B KiB MiB GiB TiB KB MB GB TB");
  CHECK(ParseSize("256Mb").error.find("`Mb` is not a unit of size") == 0);
  CHECK(ParseSize("99999999999TiB").error.find("too large") != std::string::npos);
  CHECK(ParseSize("0.3B").error.find("whole number of bytes") != std::string::npos);
}

TEST_CASE("durations parse, compound ones largest unit first", "[units]") {
  CHECK(ParseDuration("250ms").value == 250);
  CHECK(ParseDuration("2s").value == 2000);
  CHECK(ParseDuration("5m").value == 300'000);
  CHECK(ParseDuration("1h").value == 3'600'000);
  CHECK(ParseDuration("7d").value == 7 * 86'400'000LL);
  CHECK(ParseDuration("1h30m").value == 5'400'000);
  CHECK(ParseDuration("1m30s500ms").value == 90'500);
  CHECK_FALSE(ParseDuration("30m1h").error.empty());
  CHECK_FALSE(ParseDuration("5 minutes").error.empty());
  CHECK_FALSE(ParseDuration("").error.empty());
}

TEST_CASE("values are written back in the largest exact unit", "[units]") {
  CHECK(FormatSize(268435456) == "256MiB");
  CHECK(FormatSize(1'500'000) == "1500KB");
  CHECK(FormatSize(1000) == "1KB");
  CHECK(FormatSize(0) == "0B");
  CHECK(FormatSize(-1024) == "-1KiB");
  CHECK(FormatDuration(300'000) == "5m");
  CHECK(FormatDuration(1500) == "1500ms");
  CHECK(FormatDuration(0) == "0ms");
}

TEST_CASE("values are written back in the unit the spec used, when exact", "[units]") {
  CHECK(UnitOf("256MiB") == "MiB");
  CHECK(UnitOf("1.5GB") == "GB");
  CHECK(UnitOf("60s") == "s");
  CHECK(UnitOf("1h30m") == "m");
  CHECK(UnitOf("256") == "");
  CHECK(UnitOf("2 * 128MiB") == "");
  CHECK(UnitOf("256Mb") == "");
  CHECK(FormatSizeIn(134217728, "MiB") == "128MiB");
  CHECK(FormatSizeIn(1048576, "KiB") == "1024KiB");
  CHECK(FormatSizeIn(1'500'000, "MiB") == "1500KB");
  CHECK(FormatSizeIn(4096, "") == "4KiB");
  CHECK(FormatDurationIn(60'000, "s") == "60s");
  CHECK(FormatDurationIn(5'400'000, "m") == "90m");
  CHECK(FormatDurationIn(1500, "s") == "1500ms");
  CHECK(FormatDurationIn(0, "h") == "0h");
}

}  // namespace
}  // namespace kilter::catalog::units
