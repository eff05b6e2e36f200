#include "compiler/syntax/parse_state.h"

#include <algorithm>
#include <cstdio>

#include "compiler/syntax/grammar_lexical.h"
#include "compiler/syntax/parser.h"

namespace kilter::compiler::syntax {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Length of the UTF-8 sequence starting with `lead`, 1 when it is not valid.
size_t Utf8Length(const char* p, const char* end) {
  auto lead = static_cast<unsigned char>(*p);
  size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (static_cast<size_t>(end - p) < n) return 1;
  for (size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(p[i]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

}  // namespace

std::string DescribeToken(const char* p, const char* end, size_t& length) {
  length = 0;
  if (p == end) return "end of file";
  char c = *p;
  if (c == '\n' || c == '\r') return "end of line";
  if (IsWordChar(c)) {
    const char* q = p;
    while (q != end && (IsWordChar(*q) || ((*p >= '0' && *p <= '9') && (*q == '.' || *q == '/')))) {
      ++q;
    }
    length = static_cast<size_t>(q - p);
    std::string_view word(p, length);
    for (std::string_view k : grammar::kKeywords) {
      if (k == word) return "keyword `" + std::string(word) + "`";
    }
    return "`" + std::string(word) + "`";
  }
  if (c == '"') {
    length = 1;
    return "a string";
  }
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7F) {
    static constexpr std::string_view kPairs[] = {"==", "!=", "<=", ">=", "&&", "||", ".."};
    length = 1;
    for (std::string_view pair : kPairs) {
      if (end - p >= 2 && pair[0] == p[0] && pair[1] == p[1]) length = 2;
    }
    return "`" + std::string(p, length) + "`";
  }
  length = Utf8Length(p, end);
  char buf[32];
  if (length > 1) {
    std::snprintf(buf, sizeof buf, "character `%.*s`", static_cast<int>(length), p);
  } else {
    std::snprintf(buf, sizeof buf, "byte 0x%02X", byte);
  }
  return buf;
}

ParseState::ParseState(const SourceFile& file, Diagnostics& diags)
    : file_(file),
      diags_(diags),
      begin_(file.text().data()),
      end_(file.text().data() + file.text().size()) {}

ast::ExprPtr ParseState::PopExpr() {
  ast::ExprPtr e = std::move(exprs.back());
  exprs.pop_back();
  return e;
}

ast::TypePtr ParseState::PopType() {
  ast::TypePtr t = std::move(types.back());
  types.pop_back();
  return t;
}

PendingName ParseState::PopName() {
  PendingName n = std::move(names.back());
  names.pop_back();
  return n;
}

size_t ParseState::PopMark() {
  size_t m = marks.back();
  marks.pop_back();
  return m;
}

std::string ParseState::PlainString(const ast::Expr& str, const char* what) {
  std::string out;
  for (const ast::StringPart& part : str.parts) {
    if (part.expr) {
      Fail("E0109", part.expr->span,
           std::string(what) + " must be a plain string, without ${...}",
           "it is read before any value is computed");
    }
    out += part.text;
  }
  return out;
}

void ParseState::Report(const char* code, Span span, std::string message, std::string hint) {
  // Errors come in source order; one at or before the last reported comes
  // from text parsed again after a recovery and was already reported.
  if (static_cast<int64_t>(span.begin) <= last_error_at_) return;
  last_error_at_ = span.begin;
  diags_.Error(code, span, std::move(message), std::move(hint));
}

void ParseState::Fail(const char* code, Span span, std::string message, std::string hint) {
  uint32_t line_start = span.begin;
  while (line_start > 0 && begin_[line_start - 1] != '\n') --line_start;
  resume_floor_ = std::max(resume_floor_, line_start);
  Report(code, span, std::move(message), std::move(hint));
  throw SyntaxError{};
}

void ParseState::FailExpected(const char* at, const ErrorInfo& info, std::string hint,
                              bool at_line_start) {
  if (hint.empty() && info.hint) hint = info.hint;
  std::string message = info.message;
  if (info.code == std::string_view("E0101")) {
    // Point at the end of the line when what follows is on a later line: the
    // mistake is almost always an unfinished line, not the next one.
    const char* prev = at;
    bool crossed_line = false;
    while (prev != begin_ && (prev[-1] == ' ' || prev[-1] == '\t' || prev[-1] == '\r' ||
                              prev[-1] == '\n')) {
      crossed_line |= prev[-1] == '\n';
      --prev;
    }
    size_t length = 0;
    std::string found = DescribeToken(at, end_, length);
    if (!at_line_start && (crossed_line || at == end_)) {
      if (at != end_) found = "end of line";
      at = prev;
      length = 0;
    }
    message += ", found " + found;
    Fail(info.code, SpanOf(at, at + length), std::move(message), std::move(hint));
  }
  Fail(info.code, SpanOf(at, at), std::move(message), std::move(hint));
}

void ParseState::FailTooDeep(const char* at) {
  Report("E0102", SpanOf(at, at + (at != end_ ? 1 : 0)),
         "nesting is too deep (more than " + std::to_string(kMaxNestingDepth) +
             " levels of brackets, blocks or operators)",
         "split the expression with `let` or flatten the blocks");
  throw NestingTooDeep{};
}

void ParseState::AddComment(const char* b, const char* e) {
  uint32_t begin = Offset(b);
  if (begin < comments_end_) return;
  while (e != b && e[-1] == '\r') --e;
  comments.push_back({SpanOf(b, e), std::string(b, e)});
  comments_end_ = Offset(e) + 1;
}

ParseState::Snapshot ParseState::Save() const {
  return {exprs.size(), types.size(),  parts.size(), obj_fields.size(), decls.size(),
          fields.size(), args.size(),  checks.size(), stmts.size(),     blocks.size(),
          names.size(), ops.size(),    marks.size(), string_starts.size(), block_depth};
}

template <typename V>
static void Truncate(V& v, size_t n) {
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
}

void ParseState::Restore(const Snapshot& s) {
  Truncate(exprs, s.exprs);
  Truncate(types, s.types);
  Truncate(parts, s.parts);
  Truncate(obj_fields, s.obj_fields);
  Truncate(decls, s.decls);
  Truncate(fields, s.fields);
  Truncate(args, s.args);
  Truncate(checks, s.checks);
  Truncate(stmts, s.stmts);
  Truncate(blocks, s.blocks);
  Truncate(names, s.names);
  Truncate(ops, s.ops);
  Truncate(marks, s.marks);
  Truncate(string_starts, s.string_starts);
  block_depth = s.block_depth;
}

}  // namespace kilter::compiler::syntax
