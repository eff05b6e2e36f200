#pragma once

#include <memory>
#include <string>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/ast_dump.h"
#include "compiler/syntax/parser.h"

/// Helpers for the syntax unit tests: parse a snippet in memory and look at
/// the tree dump or the diagnostics as text.
namespace kilter::compiler::testing {

struct Parsed {
  SourceManager sources;
  Diagnostics diags{1000};
  std::unique_ptr<ast::File> file;
};

inline std::unique_ptr<Parsed> ParseText(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  const SourceFile& f = p->sources.Add("test.kilt", text);
  p->file = Parse(f, p->diags);
  return p;
}

/// "LINE:COL-ENDCOL CODE message" per diagnostic, one per line.
inline std::string Errors(const Parsed& p) {
  std::string out;
  for (const Diagnostic& d : p.diags.all()) {
    auto b = d.span.file->Position(d.span.begin);
    auto e = d.span.file->Position(d.span.end);
    out += std::to_string(b.line) + ":" + std::to_string(b.col) + "-" + std::to_string(e.col) +
           " " + d.code + " " + d.message + "\n";
  }
  return out;
}

inline std::string ErrorsOf(const std::string& text) { return Errors(*ParseText(text)); }

/// The dump of a snippet that must parse without errors ("ERRORS: ..." otherwise).
inline std::string DumpOf(const std::string& text) {
  auto p = ParseText(text);
  if (p->diags.has_errors()) return "ERRORS: " + Errors(*p);
  return ast::Dump(*p->file);
}

/// The dump of one expression, parsed as `let x = EXPR`.
inline std::string ExprOf(const std::string& expr) {
  std::string d = DumpOf("let x = " + expr);
  if (d.rfind("(let x ", 0) != 0) return d;
  return d.substr(7, d.size() - 9);
}

}  // namespace kilter::compiler::testing
