#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/syntax/ast.h"

/// The parser's working state: stacks the grammar actions push finished nodes
/// onto and pop them from when the enclosing construct completes, the
/// comments seen, and error reporting. Internal to compiler/syntax.
namespace kilter::compiler::syntax {

/// Thrown after a syntax error was reported; caught by statement recovery.
struct SyntaxError {};
/// Thrown when nesting exceeds kMaxNestingDepth; ends the parse.
struct NestingTooDeep {};

/// A name waiting for the construct that owns it (`let NAME`, `TYPE`, ...).
struct PendingName {
  std::string text;
  Span span;
};

/// One entry of the error table (parser_errors.h).
struct ErrorInfo {
  const char* code = nullptr;
  const char* message = nullptr;
  const char* hint = nullptr;
};

class ParseState {
 public:
  ParseState(const SourceFile& file, Diagnostics& diags);

  const SourceFile& file() const { return file_; }
  const char* text_begin() const { return begin_; }
  const char* text_end() const { return end_; }

  uint32_t Offset(const char* p) const { return static_cast<uint32_t>(p - begin_); }
  Span SpanOf(const char* b, const char* e) const { return {&file_, Offset(b), Offset(e)}; }

  ast::ExprPtr PopExpr();
  ast::TypePtr PopType();
  PendingName PopName();
  size_t PopMark();
  /// A string literal as plain text; reports E0109 when it has `${}` parts.
  std::string PlainString(const ast::Expr& str, const char* what);

  /// Reports an error at `span` (once per position) and throws SyntaxError.
  [[noreturn]] void Fail(const char* code, Span span, std::string message, std::string hint = {});
  /// Reports "expected X, found Y" for a failed must<> at `at` and throws.
  /// Unless `at_line_start`, an error whose token is on a later line is
  /// reported at the end of the previous line, where the construct stopped.
  [[noreturn]] void FailExpected(const char* at, const ErrorInfo& info, std::string hint = {},
                                 bool at_line_start = false);
  /// Reports E0102 and throws NestingTooDeep.
  [[noreturn]] void FailTooDeep(const char* at);

  /// Recovery never resumes before this point: the start of the line of the
  /// furthest error so far. Text before it is never parsed again, which keeps
  /// recovery from re-reading nested blocks over and over on broken input.
  const char* resume_floor() const { return begin_ + resume_floor_; }

  /// Records a comment once, however often backtracking re-reads it.
  void AddComment(const char* b, const char* e);

  /// Stack sizes at the start of a statement, to drop a failed statement's
  /// half-built nodes.
  struct Snapshot {
    size_t exprs, types, parts, obj_fields, decls, fields, args, checks, stmts, blocks, names,
        ops, marks, string_starts;
    int block_depth;
  };
  Snapshot Save() const;
  void Restore(const Snapshot& s);

  std::vector<ast::ExprPtr> exprs;
  std::vector<ast::TypePtr> types;
  std::vector<ast::StringPart> parts;
  std::vector<ast::ObjectField> obj_fields;
  std::vector<ast::FieldDecl> decls;
  std::vector<ast::Field> fields;
  std::vector<ast::Arg> args;
  std::vector<ast::Check> checks;
  std::vector<ast::Stmt> stmts;
  std::vector<ast::Block> blocks;
  std::vector<PendingName> names;
  std::vector<std::string_view> ops;
  /// Stack sizes at the opening token of a list-like construct.
  std::vector<size_t> marks;
  /// Offsets of the opening quotes of the strings being parsed.
  std::vector<uint32_t> string_starts;
  std::vector<ast::Comment> comments;
  int depth = 0;        ///< nesting of expressions, types and blocks
  int block_depth = 0;  ///< nesting of { } statement blocks

 private:
  void Report(const char* code, Span span, std::string message, std::string hint);

  const SourceFile& file_;
  Diagnostics& diags_;
  const char* begin_;
  const char* end_;
  uint32_t comments_end_ = 0;
  int64_t last_error_at_ = -1;
  uint32_t resume_floor_ = 0;
};

/// Describes the token at `p` for "found ..." and returns its length.
std::string DescribeToken(const char* p, const char* end, size_t& length);

}  // namespace kilter::compiler::syntax
