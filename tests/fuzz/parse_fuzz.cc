// libFuzzer target for the parser and the formatter. Any input: parsing must
// not crash, hang or trip a sanitizer, and every diagnostic must point into
// the file. Input that parses cleanly must survive the round trip:
// Parse(Format(x)) is the same tree as x (compared by a structural dump),
// keeps every comment, and Format is idempotent.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast_dump.h"
#include "compiler/syntax/parser.h"
#include "compiler/syntax/printer.h"

namespace {

using namespace kilter::compiler;

[[noreturn]] void Fail(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "round trip failed: %s\n--- first ---\n%s\n--- second ---\n%s\n", what,
               a.c_str(), b.c_str());
  std::abort();
}

std::vector<std::string> CommentTexts(const ast::File& file) {
  std::vector<std::string> out;
  for (const ast::Comment& c : file.comments) {
    std::string t = c.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.pop_back();
    out.push_back(t);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SourceManager sources;
  Diagnostics diags(1000);
  const SourceFile& source =
      sources.Add("fuzz.kilt", std::string(reinterpret_cast<const char*>(data), size));
  std::unique_ptr<ast::File> file = Parse(source, diags);
  if (!file) std::abort();
  for (const Diagnostic& d : diags.all()) {
    if (d.span.file != &source || d.span.begin > d.span.end || d.span.end > size) {
      Fail("diagnostic span outside the file", d.message, std::to_string(d.span.begin));
    }
  }
  if (diags.has_errors()) return 0;

  std::string once = Format(*file);
  Diagnostics diags2(1000);
  const SourceFile& formatted = sources.Add("formatted.kilt", once);
  std::unique_ptr<ast::File> file2 = Parse(formatted, diags2);
  if (diags2.has_errors()) Fail("formatted text does not parse", source.text(), once);
  if (ast::Dump(*file) != ast::Dump(*file2)) Fail("tree changed", ast::Dump(*file), ast::Dump(*file2));
  std::vector<std::string> comments = CommentTexts(*file);
  std::vector<std::string> comments2 = CommentTexts(*file2);
  std::sort(comments.begin(), comments.end());
  std::sort(comments2.begin(), comments2.end());
  if (comments != comments2) Fail("comments changed", source.text(), once);
  std::string twice = Format(*file2);
  if (twice != once) Fail("format is not idempotent", once, twice);
  return 0;
}
