#include <algorithm>

#include "compiler/syntax/printer_impl.h"

namespace kilter::compiler::syntax {

namespace {

/// Comment text as printed: trailing blanks dropped. A carriage return
/// counts as one: left last on the line, it would end a CRLF line ending on
/// the next parse and the comment would change again.
std::string_view Trimmed(const std::string& text) {
  std::string_view t(text);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) {
    t.remove_suffix(1);
  }
  return t;
}

}  // namespace

void Printer::Body(char open_ch, char close_ch, uint32_t open, uint32_t close,
                   const std::vector<Span>& spans, const std::function<void(size_t)>& print) {
  if (spans.empty() && !HasCommentsIn(open, close)) {
    out_.Text(std::string{open_ch, close_ch});
    return;
  }
  out_.Text(std::string(1, open_ch));
  out_.Indent();
  out_.BlockStart();
  EndLine(open + 1, spans.empty() ? close : spans[0].begin);
  last_end_ = open + 1;
  for (size_t i = 0; i < spans.size(); ++i) {
    LeadingComments(spans[i].begin);
    KeepBlankLine(spans[i].begin);
    print(i);
    EndLine(spans[i].end, i + 1 < spans.size() ? spans[i + 1].begin : close);
  }
  LeadingComments(close);
  out_.Dedent();
  out_.Text(std::string(1, close_ch));
}

void Printer::LeadingComments(uint32_t limit) {
  const std::vector<ast::Comment>& comments = file_.comments;
  while (next_comment_ < comments.size() && comments[next_comment_].span.begin < limit) {
    const ast::Comment& c = comments[next_comment_++];
    out_.Newline();
    KeepBlankLine(c.span.begin);
    out_.Text(Trimmed(c.text));
    out_.Newline();
    last_end_ = std::max(last_end_, c.span.end);
  }
}

void Printer::EndLine(uint32_t end, uint32_t limit) {
  const std::vector<ast::Comment>& comments = file_.comments;
  std::vector<const ast::Comment*> tail;
  while (next_comment_ < comments.size() && comments[next_comment_].span.begin < limit) {
    const ast::Comment& c = comments[next_comment_];
    uint32_t line_start = c.span.begin;
    while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
    bool own_line = text_.substr(line_start, c.span.begin - line_start)
                        .find_first_not_of(" \t\r") == std::string_view::npos;
    if (c.span.begin >= end && own_line) break;
    tail.push_back(&c);
    ++next_comment_;
  }
  last_end_ = std::max(last_end_, end);
  if (!tail.empty()) out_.TrailingComment(Trimmed(tail[0]->text));
  out_.Newline();
  for (size_t i = 1; i < tail.size(); ++i) {
    out_.Text(Trimmed(tail[i]->text));
    out_.Newline();
  }
  for (const ast::Comment* c : tail) last_end_ = std::max(last_end_, c->span.end);
}

void Printer::KeepBlankLine(uint32_t begin) {
  if (HasBlankLine(last_end_, begin)) out_.BlankLine();
}

bool Printer::HasBlankLine(uint32_t from, uint32_t to) const {
  // A blank line is a line break followed by blanks only up to the next one.
  bool after_break = false;
  bool content = false;
  for (uint32_t i = from; i < to && i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\n') {
      if (after_break && !content) return true;
      after_break = true;
      content = false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      content = true;
    }
  }
  return false;
}

bool Printer::HasCommentsIn(uint32_t from, uint32_t to) const {
  auto it = std::lower_bound(
      file_.comments.begin(), file_.comments.end(), from,
      [](const ast::Comment& c, uint32_t offset) { return c.span.begin < offset; });
  return it != file_.comments.end() && it->span.begin < to;
}

bool Printer::MultiLine(uint32_t from, uint32_t to) const {
  if (from >= text_.size() || to <= from) return false;
  return text_.substr(from, to - from).find('\n') != std::string_view::npos;
}

uint32_t Printer::NextToken(uint32_t from, std::string_view also) const {
  uint32_t i = from;
  while (i < text_.size()) {
    char c = text_[i];
    if (c == '#') {
      while (i < text_.size() && text_[i] != '\n') ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
               also.find(c) != std::string_view::npos) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

uint32_t Printer::OpenBracket(const ast::Expr& e) const {
  uint32_t p = e.span.begin;
  while (p < text_.size() && text_[p] == '(') p = NextToken(p + 1);
  return p;
}

std::vector<size_t> Printer::RunWidths(const std::vector<Span>& spans,
                                       const std::vector<size_t>& widths) const {
  std::vector<size_t> out(spans.size(), 0);
  size_t start = 0;
  for (size_t i = 0; i <= spans.size(); ++i) {
    bool run_ends = i == spans.size() || (i > 0 && HasBlankLine(spans[i - 1].end, spans[i].begin));
    if (!run_ends) continue;
    size_t widest = 0;
    for (size_t k = start; k < i; ++k) widest = std::max(widest, widths[k]);
    for (size_t k = start; k < i; ++k) out[k] = widths[k] > 0 ? widest : 0;
    start = i;
  }
  return out;
}

}  // namespace kilter::compiler::syntax
