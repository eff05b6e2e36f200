#include "compiler/syntax/printer.h"

#include <algorithm>

#include "compiler/syntax/literals.h"
#include "compiler/syntax/printer_impl.h"

namespace kilter::compiler {

std::string Format(const ast::File& file) { return syntax::Printer(file).Run(); }

namespace syntax {

namespace {

std::string Quoted(const std::string& s) { return "\"" + literals::EscapeString(s) + "\""; }

Span StmtSpan(const ast::Stmt& s) {
  return std::visit([](const auto& n) { return n.span; }, s.node);
}

}  // namespace

Printer::Printer(const ast::File& file) : file_(file) {
  if (file.source) text_ = file.source->text();
}

std::string Printer::Run() {
  for (size_t i = 0; i < file_.body.size(); ++i) {
    Span span = StmtSpan(file_.body[i]);
    LeadingComments(span.begin);
    KeepBlankLine(span.begin);
    PrintStmt(file_.body[i]);
    uint32_t limit = i + 1 < file_.body.size() ? StmtSpan(file_.body[i + 1]).begin
                                               : static_cast<uint32_t>(text_.size());
    EndLine(span.end, limit);
  }
  LeadingComments(static_cast<uint32_t>(text_.size()) + 1);
  return out_.Finish();
}

void Printer::PrintStmt(const ast::Stmt& s) {
  std::visit([this](const auto& n) { PrintStmt(n); }, s.node);
}

void Printer::PrintStmt(const ast::Import& n) { out_.Text("import " + Quoted(n.path)); }

void Printer::PrintStmt(const ast::Param& n) {
  out_.Text("param " + n.name + ": ");
  PrintType(*n.type);
  if (n.default_value) {
    out_.Text(" = ");
    PrintExpr(*n.default_value);
  }
}

void Printer::PrintStmt(const ast::Let& n) {
  out_.Text("let " + n.name + " = ");
  PrintExpr(*n.value);
}

void Printer::PrintStmt(const ast::Group& n) {
  out_.Text("group " + n.name + " = ");
  PrintExpr(*n.hosts);
}

void Printer::PrintStmt(const ast::Resource& n) {
  out_.Text(n.type + " ");
  PrintExpr(*n.name);
  out_.Text(" on ");
  PrintExpr(*n.target);
  out_.Text(" ");
  uint32_t open = NextToken(n.target->span.end);
  std::vector<Assignment> items;
  for (const ast::Field& f : n.fields) items.push_back({f.span, f.name, f.value.get()});
  uint32_t close = NextToken(items.empty() ? open + 1 : items.back().span.end, ",");
  PrintAssignments('{', '}', open, close, items, "");
}

void Printer::PrintBlock(const ast::Block& block, uint32_t open) {
  uint32_t close = NextToken(block.empty() ? open + 1 : StmtSpan(block.back()).end);
  std::vector<Span> spans;
  for (const ast::Stmt& s : block) spans.push_back(StmtSpan(s));
  Body('{', '}', open, close, spans, [&](size_t i) { PrintStmt(block[i]); });
}

void Printer::PrintStmt(const ast::For& n) {
  out_.Text("for " + n.var + " in ");
  PrintExpr(*n.iterable);
  out_.Text(" ");
  PrintBlock(n.body, NextToken(n.iterable->span.end));
}

void Printer::PrintStmt(const ast::If& n) {
  out_.Text("if ");
  PrintExpr(*n.cond);
  out_.Text(" ");
  uint32_t open = NextToken(n.cond->span.end);
  PrintBlock(n.then_body, open);
  uint32_t then_close =
      NextToken(n.then_body.empty() ? open + 1 : StmtSpan(n.then_body.back()).end);
  uint32_t else_kw = NextToken(then_close + 1);
  bool has_else = text_.substr(else_kw, 4) == "else" &&
                  (else_kw + 4 >= text_.size() || !literals::IsIdentifier(text_.substr(else_kw + 4, 1)));
  if (!has_else) return;
  uint32_t else_open = NextToken(else_kw + 4);
  const ast::If* chained =
      n.else_body.size() == 1 ? std::get_if<ast::If>(&n.else_body.front().node) : nullptr;
  if (chained && chained->else_if) {
    out_.Text(" else ");
    PrintStmt(*chained);
    return;
  }
  // An empty else block is dropped, unless it holds comments.
  uint32_t else_close = NextToken(n.else_body.empty() ? else_open + 1 : StmtSpan(n.else_body.back()).end);
  if (n.else_body.empty() && !HasCommentsIn(else_open, else_close)) return;
  out_.Text(" else ");
  PrintBlock(n.else_body, else_open);
}

void Printer::PrintStmt(const ast::Module& n) {
  out_.Text("module " + n.name);
  uint32_t open = NextToken(n.name_span.end);
  uint32_t close = NextToken(n.params.empty() ? open + 1 : n.params.back().span.end, ",");
  if (!n.params.empty() && (MultiLine(open, close) || HasCommentsIn(open, close))) {
    PrintDecls('(', ')', open, close, n.params, nullptr, nullptr, ',');
  } else {
    out_.Text("(");
    for (size_t i = 0; i < n.params.size(); ++i) {
      if (i > 0) out_.Text(", ");
      PrintDeclHead(n.params[i]);
      if (!n.params[i].doc.empty()) out_.Text(" " + Quoted(n.params[i].doc));
      if (n.params[i].sensitive) out_.Text(" sensitive");
    }
    out_.Text(")");
  }
  out_.Text(" ");
  PrintBlock(n.body, NextToken(close + 1));
}

void Printer::PrintStmt(const ast::Use& n) {
  out_.Text("use " + n.module + " ");
  PrintExpr(*n.instance);
  if (n.args.empty()) return;
  out_.Text(" ");
  uint32_t open = NextToken(n.instance->span.end);
  uint32_t close = NextToken(n.args.back().span.end, ",");
  std::vector<Assignment> items;
  for (const ast::Arg& a : n.args) items.push_back({a.span, a.name, a.value.get()});
  if (MultiLine(open, close) || HasCommentsIn(open, close)) {
    PrintAssignments('(', ')', open, close, items, ",");
    return;
  }
  out_.Text("(");
  for (size_t i = 0; i < items.size(); ++i) {
    out_.Text((i > 0 ? ", " : "") + items[i].name + " = ");
    PrintExpr(*items[i].value);
  }
  out_.Text(")");
}

void Printer::PrintStmt(const ast::Schema& n) {
  out_.Text((n.settings ? "settings " : "schema ") + n.type + (n.host_wide ? " host_wide " : " "));
  uint32_t open = NextToken(n.type_span.end);
  if (n.host_wide) open = NextToken(open + static_cast<uint32_t>(sizeof("host_wide") - 1));
  uint32_t last = open + 1;
  for (const ast::FieldDecl& d : n.fields) last = std::max(last, d.span.end);
  for (const ast::Check& c : n.checks) last = std::max(last, c.span.end);
  if (last == open + 1 && !n.doc.empty()) {
    // Only a doc string: its closing quote is the last token.
    last = NextToken(open + 1) + 1;
    while (last < text_.size() && text_[last] != '"') last += text_[last] == '\\' ? 2 : 1;
    ++last;
  }
  uint32_t close = NextToken(last, ",");
  PrintDecls('{', '}', open, close, n.fields, &n.checks, &n.doc, 0);
}

void Printer::PrintAssignments(char open_ch, char close_ch, uint32_t open, uint32_t close,
                               const std::vector<Assignment>& items, const char* separator) {
  std::vector<Span> spans;
  std::vector<size_t> widths;
  for (const Assignment& a : items) {
    spans.push_back(a.span);
    widths.push_back(a.name.size());
  }
  std::vector<size_t> run = RunWidths(spans, widths);
  Body(open_ch, close_ch, open, close, spans, [&](size_t i) {
    std::string head = items[i].name;
    head.append(run[i] - head.size(), ' ');
    out_.Text(head + " = ");
    PrintExpr(*items[i].value);
    out_.Text(separator);
  });
}

}  // namespace syntax
}  // namespace kilter::compiler
