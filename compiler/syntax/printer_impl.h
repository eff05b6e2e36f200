#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/syntax/ast.h"
#include "compiler/syntax/printer_output.h"

/// The canonical printer behind Format() (printer.h): statements in
/// printer.cc, expressions and types in printer_expr.cc, comment placement
/// and source layout queries in printer_layout.cc. Internal to compiler/syntax.
namespace kilter::compiler::syntax {

class Printer {
 public:
  explicit Printer(const ast::File& file);
  std::string Run();

 private:
  // Statements (printer.cc).
  void PrintStmt(const ast::Stmt& s);
  void PrintStmt(const ast::Import& n);
  void PrintStmt(const ast::Param& n);
  void PrintStmt(const ast::Let& n);
  void PrintStmt(const ast::Group& n);
  void PrintStmt(const ast::Resource& n);
  void PrintStmt(const ast::For& n);
  void PrintStmt(const ast::If& n);
  void PrintStmt(const ast::Module& n);
  void PrintStmt(const ast::Use& n);
  void PrintStmt(const ast::Schema& n);
  /// `{ statements }` whose braces are at source offsets `open` and `close`.
  void PrintBlock(const ast::Block& block, uint32_t open);
  /// Decls one per line with their doc strings aligned in runs; `checks`
  /// (schemas) are interleaved in source order.
  void PrintDecls(char open_ch, char close_ch, uint32_t open, uint32_t close,
                  const std::vector<ast::FieldDecl>& decls, const std::vector<ast::Check>* checks,
                  const std::string* doc, char separator);
  /// `name = value` items, one per line, `=` aligned in runs.
  struct Assignment {
    Span span;
    std::string name;
    const ast::Expr* value;
  };
  void PrintAssignments(char open_ch, char close_ch, uint32_t open, uint32_t close,
                        const std::vector<Assignment>& items, const char* separator);

  // Expressions and types (printer_expr.cc).
  /// Writes `e`, in parentheses when the user wrote them or when its
  /// precedence is below `min_precedence`.
  void PrintExpr(const ast::Expr& e, int min_precedence = 0);
  void PrintType(const ast::Type& t);
  /// `name: type = default`, without the doc string.
  void PrintDeclHead(const ast::FieldDecl& d);
  /// The one-line text PrintDeclHead writes (for alignment).
  std::string FlatDeclHead(const ast::FieldDecl& d);
  void PrintList(const ast::Expr& e);
  void PrintObject(const ast::Expr& e);
  void PrintString(const ast::Expr& e);
  /// True when `e` is printed over several lines: it holds a list or object
  /// written over several lines in the source.
  bool Breaks(const ast::Expr& e) const;
  bool Breaks(const ast::Type& t) const;
  bool Breaks(const ast::FieldDecl& d) const;

  // Layout (printer_layout.cc).
  /// Prints `open_ch`, the items one per line, and `close_ch` (just the two
  /// characters when there is nothing inside). `open` and `close` are the
  /// source offsets of the brackets; `print(i)` writes item i.
  void Body(char open_ch, char close_ch, uint32_t open, uint32_t close,
            const std::vector<Span>& spans, const std::function<void(size_t)>& print);
  /// Own-line comments before source offset `limit`, blank lines kept.
  void LeadingComments(uint32_t limit);
  /// Ends the line of the item that ended at `end`; `limit` is where the
  /// next item starts. A comment after the item on its line, or one left
  /// inside it (an expression printed on one line), ends the line.
  void EndLine(uint32_t end, uint32_t limit);
  /// A blank line when the source had one between what was printed last and
  /// `begin`.
  void KeepBlankLine(uint32_t begin);
  bool HasBlankLine(uint32_t from, uint32_t to) const;
  bool HasCommentsIn(uint32_t from, uint32_t to) const;
  bool MultiLine(uint32_t from, uint32_t to) const;
  /// Offset of the next token at or after `from`, skipping blanks, comments
  /// and the characters in `also`.
  uint32_t NextToken(uint32_t from, std::string_view also = {}) const;
  /// Source offset of the `[` or `{` opening a list or object expression.
  uint32_t OpenBracket(const ast::Expr& e) const;
  /// For each item, the widest `width` among the items of its run (items
  /// not separated by a blank line); 0 for items with `width` 0.
  std::vector<size_t> RunWidths(const std::vector<Span>& spans,
                                const std::vector<size_t>& widths) const;

  const ast::File& file_;
  std::string_view text_;
  Output out_;
  size_t next_comment_ = 0;
  uint32_t last_end_ = 0;  ///< source end of the last item or comment printed
  int flat_ = 0;           ///< > 0 while printing on one line, whatever the source
};

}  // namespace kilter::compiler::syntax
