#include "compiler/base/render_text.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {

namespace {

/// The span of the first occurrence of `needle` in `file`.
Span SpanOf(const SourceFile& file, std::string_view needle) {
  auto at = static_cast<uint32_t>(file.text().find(needle));
  REQUIRE(at != std::string::npos);
  return {&file, at, at + static_cast<uint32_t>(needle.size())};
}

}  // namespace

TEST_CASE("RenderText shows location, code, source line, underline and hint", "[render]") {
  SourceFile file("web.kilt", "php.opcache \"s\" on web {\n  memory_consumtion = 128MiB\n}\n");
  Diagnostic d{Severity::kError, "E0203", "unknown field memory_consumtion in php.opcache",
               SpanOf(file, "memory_consumtion"), "did you mean memory_consumption?", {}};
  CHECK(RenderText(d, {}) ==
        "web.kilt:2:3: error[E0203]: unknown field memory_consumtion in php.opcache\n"
        " 2 |   memory_consumtion = 128MiB\n"
        "   |   ^~~~~~~~~~~~~~~~~\n"
        "  = hint: did you mean memory_consumption?\n");
}

TEST_CASE("RenderText expands tabs so the caret stays under the span", "[render]") {
  SourceFile file("t.kilt", "\tport\t= 99999\n");
  Diagnostic d{Severity::kError, "E0205", "port out of range", SpanOf(file, "99999"), "", {}};
  CHECK(RenderText(d, {}) ==
        "t.kilt:1:9: error[E0205]: port out of range\n"
        " 1 |     port    = 99999\n"
        "   |               ^~~~~\n");
}

TEST_CASE("RenderText counts UTF-8 characters, not bytes, for columns and carets", "[render]") {
  SourceFile file("u.kilt", "let s = \"héllo 日本\" + 5\n");
  Diagnostic d{Severity::kError, "E0210", "cannot add", SpanOf(file, "5"), "", {}};
  CHECK(RenderText(d, {}) ==
        "u.kilt:1:22: error[E0210]: cannot add\n"
        " 1 | let s = \"héllo 日本\" + 5\n"
        "   |                        ^\n");
}

TEST_CASE("RenderText shows related spans as notes with their own snippet", "[render]") {
  SourceFile file("d.kilt", "a \"x\" on h {}\na \"x\" on h {}\n");
  Span second{&file, 14, 15};
  Diagnostic d{Severity::kError, "E0301", "duplicate resource", second, "", {}};
  d.related.push_back({{&file, 0, 1}, "first declared here"});
  CHECK(RenderText(d, {}) ==
        "d.kilt:2:1: error[E0301]: duplicate resource\n"
        " 2 | a \"x\" on h {}\n"
        "   | ^\n"
        "d.kilt:1:1: note: first declared here\n"
        " 1 | a \"x\" on h {}\n"
        "   | ^\n");
}

TEST_CASE("RenderText underlines a multi-line span to the end of its first line", "[render]") {
  SourceFile file("m.kilt", "x {\n  y\n}\n");
  Diagnostic d{Severity::kWarning, "W0101", "odd block", {&file, 0, 9}, "", {}};
  CHECK(RenderText(d, {}) ==
        "m.kilt:1:1: warning[W0101]: odd block\n"
        " 1 | x {\n"
        "   | ^~~\n");
}

TEST_CASE("RenderText of a diagnostic without a location names kilter", "[render]") {
  Diagnostic d{Severity::kError, "E0409", "path nope does not exist", {}, "", {}};
  CHECK(RenderText(d, {}) == "kilter: error[E0409]: path nope does not exist\n");
}

TEST_CASE("RenderText colours only when asked", "[render]") {
  SourceFile file("c.kilt", "x\n");
  Diagnostic d{Severity::kError, "E0101", "bad", {&file, 0, 1}, "", {}};
  CHECK(RenderText(d, {}).find('\033') == std::string::npos);
  std::string colored = RenderText(d, {.color = true});
  CHECK(colored.find("\033[1;31merror[E0101]\033[0m") != std::string::npos);
}

TEST_CASE("The summary counts errors and warnings and the dropped ones", "[render]") {
  SourceFile file("s.kilt", "abc\n");
  Diagnostics diags(1);
  diags.Error("E0101", {&file, 0, 1}, "one");
  diags.Error("E0101", {&file, 1, 2}, "two");
  diags.Warning("W0101", {&file, 2, 3}, "three");
  CHECK(Summary(diags) == "2 errors, 1 warning (1 error not shown: the limit was reached; "
                          "see --max-errors)");
  Diagnostics clean;
  CHECK(RenderText(clean, {}) == "0 errors, 0 warnings\n");
}

}  // namespace kilter::compiler
