#include "compiler/base/location.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {

TEST_CASE("Locate counts columns in code points with an exclusive end", "[location]") {
  SourceFile file("l.kilt", "aé b\nxyz");
  Location loc = Locate({&file, 4, 5});
  CHECK(loc.file == "l.kilt");
  CHECK(loc.line == 1);
  CHECK(loc.column == 4);
  CHECK(loc.end_column == 5);
  Location next = Locate({&file, 6, 9});
  CHECK(next.line == 2);
  CHECK(next.column == 1);
  CHECK(next.end_column == 4);
}

TEST_CASE("OffsetOf turns a line and code-point column back into a byte offset", "[location]") {
  SourceFile file("l.toml", "a = \"é\" x\nb = 1\n");
  CHECK(OffsetOf(file, 1, 9) == 9);
  CHECK(OffsetOf(file, 2, 1) == 11);
  CHECK(OffsetOf(file, 2, 99) == 16);
  CHECK(OffsetOf(file, 9, 1) == file.text().size());
}

TEST_CASE("CodePoints skips continuation bytes", "[location]") {
  CHECK(CodePoints("héllo") == 5);
  CHECK(CodePoints("日本") == 2);
}

}  // namespace kilter::compiler
