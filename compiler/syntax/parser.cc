#include "compiler/syntax/parser.h"

#include <tao/pegtl.hpp>

#include "compiler/syntax/grammar.h"
#include "compiler/syntax/parser_actions_resource.h"
#include "compiler/syntax/parser_actions_stmt.h"
#include "compiler/syntax/parser_errors.h"

namespace kilter::compiler {

std::unique_ptr<ast::File> Parse(const SourceFile& source, Diagnostics& diags) {
  syntax::ParseState st(source, diags);
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(
      source.text().data(), source.text().data() + source.text().size(), source.path());
  // Every syntax error is caught and recovered from at statement level, so
  // the parse itself always runs to the end of the input.
  tao::pegtl::parse<grammar::file, syntax::Action, syntax::Control>(in, st);
  auto file = std::make_unique<ast::File>();
  file->source = &source;
  file->body = std::move(st.stmts);
  file->comments = std::move(st.comments);
  return file;
}

}  // namespace kilter::compiler
