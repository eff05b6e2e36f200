#pragma once

#include <string>
#include <string_view>
#include <vector>

/// The line buffer the printer writes into: indentation, blank lines, and
/// end-of-line comments, which are aligned into one column across a run of
/// consecutive lines when the text is finished. Internal to compiler/syntax.
namespace kilter::compiler::syntax {

class Output {
 public:
  /// Appends to the current line, starting one (indented) if needed.
  void Text(std::string_view text);
  /// Ends the current line; an empty current line is not written.
  void Newline();
  /// One empty line, unless at the start of the output or of a block, or
  /// after another empty line.
  void BlankLine();
  /// An end-of-line comment on the current line.
  void TrailingComment(std::string_view comment);
  void Indent() { ++indent_; }
  void Dedent() { --indent_; }
  /// Marks that a block was just opened: a blank line here is dropped.
  void BlockStart() { block_start_ = true; }
  /// Text of the current line so far, without indentation.
  const std::string& CurrentText() const;

  /// The whole text, one '\n' after every line.
  std::string Finish();

 private:
  struct Line {
    int indent = 0;
    std::string text;
    std::string comment;
  };
  void Open();

  std::vector<Line> lines_;
  bool open_ = false;
  bool block_start_ = true;
  int indent_ = 0;
};

}  // namespace kilter::compiler::syntax
