#include <algorithm>

#include "compiler/syntax/literals.h"
#include "compiler/syntax/printer_impl.h"

namespace kilter::compiler::syntax {

namespace {

using Kind = ast::Expr::Kind;

std::string Quoted(const std::string& s) { return "\"" + literals::EscapeString(s) + "\""; }

/// Binding strength, as in the grammar: a lower number binds less tightly.
enum Precedence : int {
  kTernary = 1,
  kOr,
  kAnd,
  kCompare,
  kRange,
  kAdd,
  kMultiply,
  kUnary,
  kPostfix,
};

int PrecedenceOf(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::kTernary: return kTernary;
    case Kind::kRange: return kRange;
    case Kind::kUnary: return kUnary;
    case Kind::kBinary:
      if (e.text == "||") return kOr;
      if (e.text == "&&") return kAnd;
      if (e.text == "+" || e.text == "-") return kAdd;
      if (e.text == "*" || e.text == "/" || e.text == "%") return kMultiply;
      return kCompare;
    default: return kPostfix;
  }
}

}  // namespace

void Printer::PrintExpr(const ast::Expr& e, int min_precedence) {
  int precedence = PrecedenceOf(e);
  bool parens = e.parenthesized || precedence < min_precedence;
  if (parens) out_.Text("(");
  switch (e.kind) {
    case Kind::kBool:
    case Kind::kInt:
    case Kind::kFloat:
    case Kind::kSize:
    case Kind::kDuration:
    case Kind::kIp:
    case Kind::kCidr:
    case Kind::kIdent: out_.Text(e.text); break;
    case Kind::kString: PrintString(e); break;
    case Kind::kList: PrintList(e); break;
    case Kind::kObject: PrintObject(e); break;
    case Kind::kIndex:
      PrintExpr(*e.operands[0], kPostfix);
      out_.Text("[");
      PrintExpr(*e.operands[1]);
      out_.Text("]");
      break;
    case Kind::kMember:
      PrintExpr(*e.operands[0], kPostfix);
      out_.Text("." + e.text);
      break;
    case Kind::kCall:
      out_.Text(e.text + "(");
      for (size_t i = 0; i < e.operands.size(); ++i) {
        if (i > 0) out_.Text(", ");
        PrintExpr(*e.operands[i]);
      }
      out_.Text(")");
      break;
    case Kind::kUnary:
      out_.Text(e.text);
      PrintExpr(*e.operands[0], kUnary);
      break;
    case Kind::kBinary:
      // Left-associative: the right operand must bind tighter.
      PrintExpr(*e.operands[0], precedence);
      out_.Text(" " + e.text + " ");
      PrintExpr(*e.operands[1], precedence + 1);
      break;
    case Kind::kRange:
      PrintExpr(*e.operands[0], kAdd);
      out_.Text("..");
      PrintExpr(*e.operands[1], kAdd);
      break;
    case Kind::kTernary:
      PrintExpr(*e.operands[0], kOr);
      out_.Text(" ? ");
      PrintExpr(*e.operands[1]);
      out_.Text(" : ");
      PrintExpr(*e.operands[2]);
      break;
  }
  if (parens) out_.Text(")");
}

void Printer::PrintString(const ast::Expr& e) {
  out_.Text("\"");
  for (const ast::StringPart& part : e.parts) {
    if (!part.expr) {
      out_.Text(literals::EscapeString(part.text));
      continue;
    }
    out_.Text("${");
    ++flat_;
    PrintExpr(*part.expr);
    --flat_;
    out_.Text("}");
  }
  out_.Text("\"");
}

void Printer::PrintList(const ast::Expr& e) {
  if (!Breaks(e)) {
    out_.Text("[");
    for (size_t i = 0; i < e.operands.size(); ++i) {
      if (i > 0) out_.Text(", ");
      PrintExpr(*e.operands[i]);
    }
    out_.Text("]");
    return;
  }
  uint32_t open = OpenBracket(e);
  uint32_t close = NextToken(e.operands.empty() ? open + 1 : e.operands.back()->span.end, ",");
  std::vector<Span> spans;
  for (const ast::ExprPtr& item : e.operands) spans.push_back(item->span);
  Body('[', ']', open, close, spans, [&](size_t i) {
    PrintExpr(*e.operands[i]);
    out_.Text(",");
  });
}

void Printer::PrintObject(const ast::Expr& e) {
  auto key = [](const ast::ObjectField& f) {
    return literals::IsIdentifier(f.key) ? f.key : Quoted(f.key);
  };
  if (!Breaks(e)) {
    if (e.fields.empty()) {
      out_.Text("{}");
      return;
    }
    out_.Text("{ ");
    for (size_t i = 0; i < e.fields.size(); ++i) {
      out_.Text((i > 0 ? ", " : "") + key(e.fields[i]) + " = ");
      PrintExpr(*e.fields[i].value);
    }
    out_.Text(" }");
    return;
  }
  uint32_t open = OpenBracket(e);
  uint32_t close = NextToken(e.fields.empty() ? open + 1 : e.fields.back().span.end, ",");
  std::vector<Assignment> items;
  for (const ast::ObjectField& f : e.fields) items.push_back({f.span, key(f), f.value.get()});
  PrintAssignments('{', '}', open, close, items, "");
}

void Printer::PrintType(const ast::Type& t) {
  switch (t.kind) {
    case ast::Type::Kind::kNamed: out_.Text(t.name); break;
    case ast::Type::Kind::kList:
    case ast::Type::Kind::kMap:
      out_.Text(t.kind == ast::Type::Kind::kMap ? "map[" : "[");
      PrintType(*t.element);
      out_.Text("]");
      break;
    case ast::Type::Kind::kEnum:
      for (size_t i = 0; i < t.enum_values.size(); ++i) {
        out_.Text((i > 0 ? " | " : "") + Quoted(t.enum_values[i]));
      }
      break;
    case ast::Type::Kind::kObject: {
      uint32_t open = t.span.begin;
      uint32_t close = NextToken(t.fields.empty() ? open + 1 : t.fields.back().span.end, ",");
      if (Breaks(t)) {
        PrintDecls('{', '}', open, close, t.fields, nullptr, nullptr, 0);
        break;
      }
      if (t.fields.empty()) {
        out_.Text("{}");
        break;
      }
      out_.Text("{ ");
      for (size_t i = 0; i < t.fields.size(); ++i) {
        if (i > 0) out_.Text(", ");
        PrintDeclHead(t.fields[i]);
        if (!t.fields[i].doc.empty()) out_.Text(" " + Quoted(t.fields[i].doc));
        if (t.fields[i].sensitive) out_.Text(" sensitive");
      }
      out_.Text(" }");
      break;
    }
  }
  if (t.optional) out_.Text("?");
  if (t.constraint) {
    out_.Text(" in ");
    PrintExpr(*t.constraint, kRange);
  }
}

void Printer::PrintDeclHead(const ast::FieldDecl& d) {
  out_.Text(d.name + ": ");
  PrintType(*d.type);
  if (d.default_value) {
    out_.Text(" = ");
    PrintExpr(*d.default_value);
  }
}

std::string Printer::FlatDeclHead(const ast::FieldDecl& d) {
  Output saved = std::move(out_);
  out_ = Output();
  ++flat_;
  PrintDeclHead(d);
  --flat_;
  std::string text = out_.CurrentText();
  out_ = std::move(saved);
  return text;
}

void Printer::PrintDecls(char open_ch, char close_ch, uint32_t open, uint32_t close,
                         const std::vector<ast::FieldDecl>& decls,
                         const std::vector<ast::Check>* checks, const std::string* doc,
                         char separator) {
  // Items in source order: the doc string, then fields and checks as written.
  struct Entry {
    Span span;
    const ast::FieldDecl* decl = nullptr;
    const ast::Check* check = nullptr;
  };
  std::vector<Entry> entries;
  if (doc && !doc->empty()) {
    uint32_t begin = NextToken(open + 1);
    uint32_t end = begin + 1;
    while (end < text_.size() && text_[end] != '"') end += text_[end] == '\\' ? 2 : 1;
    entries.push_back({{file_.source, begin, end + 1}});
  }
  for (const ast::FieldDecl& d : decls) entries.push_back({d.span, &d});
  if (checks) {
    for (const ast::Check& c : *checks) entries.push_back({c.span, nullptr, &c});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.span.begin < b.span.begin; });
  std::vector<Span> spans;
  std::vector<size_t> widths;
  std::vector<std::string> heads;
  for (const Entry& e : entries) {
    spans.push_back(e.span);
    bool aligned = e.decl && !e.decl->doc.empty() && !Breaks(*e.decl);
    heads.push_back(aligned ? FlatDeclHead(*e.decl) : std::string());
    widths.push_back(heads.back().size());
  }
  std::vector<size_t> run = RunWidths(spans, widths);
  Body(open_ch, close_ch, open, close, spans, [&](size_t i) {
    const Entry& e = entries[i];
    if (e.check) {
      out_.Text(CheckWord(e.check->kind) + " ");
      PrintExpr(*e.check->cond);
      out_.Text(" : ");
      PrintExpr(*e.check->message);
    } else if (!e.decl) {
      out_.Text(Quoted(*doc));
    } else {
      if (heads[i].empty()) {
        PrintDeclHead(*e.decl);
      } else {
        out_.Text(heads[i] + std::string(run[i] - heads[i].size(), ' '));
      }
      if (!e.decl->doc.empty()) out_.Text(" " + Quoted(e.decl->doc));
      if (e.decl->sensitive) out_.Text(" sensitive");
    }
    if (separator) out_.Text(std::string(1, separator));
  });
}

bool Printer::Breaks(const ast::Expr& e) const {
  if (flat_ > 0) return false;
  if (e.kind == Kind::kList || e.kind == Kind::kObject) {
    bool empty = e.operands.empty() && e.fields.empty();
    if (MultiLine(e.span.begin, e.span.end) && (!empty || HasCommentsIn(e.span.begin, e.span.end))) {
      return true;
    }
  }
  for (const ast::ExprPtr& op : e.operands) {
    if (Breaks(*op)) return true;
  }
  for (const ast::ObjectField& f : e.fields) {
    if (Breaks(*f.value)) return true;
  }
  return false;
}

bool Printer::Breaks(const ast::Type& t) const {
  if (flat_ > 0) return false;
  if (t.kind == ast::Type::Kind::kObject && MultiLine(t.span.begin, t.span.end) &&
      (!t.fields.empty() || HasCommentsIn(t.span.begin, t.span.end))) {
    return true;
  }
  if (t.element && Breaks(*t.element)) return true;
  if (t.constraint && Breaks(*t.constraint)) return true;
  return std::any_of(t.fields.begin(), t.fields.end(),
                     [this](const ast::FieldDecl& d) { return Breaks(d); });
}

bool Printer::Breaks(const ast::FieldDecl& d) const {
  return Breaks(*d.type) || (d.default_value && Breaks(*d.default_value));
}

}  // namespace kilter::compiler::syntax
