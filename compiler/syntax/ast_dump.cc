#include "compiler/syntax/ast_dump.h"

#include <type_traits>

#include "compiler/syntax/literals.h"

namespace kilter::compiler::ast {
namespace {

std::string Quote(const std::string& s) { return "\"" + literals::EscapeString(s) + "\""; }

class Dumper {
 public:
  std::string out;

  void Expression(const Expr& e) {
    if (e.parenthesized) out += "(paren ";
    switch (e.kind) {
      case Expr::Kind::kBool:
      case Expr::Kind::kInt:
      case Expr::Kind::kFloat:
      case Expr::Kind::kSize:
      case Expr::Kind::kDuration:
      case Expr::Kind::kIp:
      case Expr::Kind::kCidr:
      case Expr::Kind::kIdent: out += e.text; break;
      case Expr::Kind::kString:
        out += "(str";
        for (const StringPart& p : e.parts) {
          out += ' ';
          if (p.expr) {
            out += "(interp ";
            Expression(*p.expr);
            out += ')';
          } else {
            out += Quote(p.text);
          }
        }
        out += ')';
        break;
      case Expr::Kind::kObject:
        out += "(obj";
        for (const ObjectField& f : e.fields) {
          out += " (" + Quote(f.key) + ' ';
          Expression(*f.value);
          out += ')';
        }
        out += ')';
        break;
      case Expr::Kind::kList: Node("list", e); break;
      case Expr::Kind::kIndex: Node("index", e); break;
      case Expr::Kind::kMember: Node(". " + e.text, e); break;
      case Expr::Kind::kUnary:
      case Expr::Kind::kBinary: Node(e.text, e); break;
      case Expr::Kind::kTernary: Node("?", e); break;
      case Expr::Kind::kRange: Node("..", e); break;
      case Expr::Kind::kCall: Node("call " + e.text, e); break;
    }
    if (e.parenthesized) out += ')';
  }

  void TypeOf(const Type& t) {
    out += '(';
    switch (t.kind) {
      case Type::Kind::kNamed: out += t.name; break;
      case Type::Kind::kList: out += "list "; TypeOf(*t.element); break;
      case Type::Kind::kMap: out += "map "; TypeOf(*t.element); break;
      case Type::Kind::kObject:
        out += "object";
        for (const FieldDecl& d : t.fields) Decl(d);
        break;
      case Type::Kind::kEnum:
        out += "enum";
        for (const std::string& v : t.enum_values) out += ' ' + Quote(v);
        break;
    }
    if (t.optional) out += " optional";
    if (t.constraint) {
      out += " (in ";
      Expression(*t.constraint);
      out += ')';
    }
    out += ')';
  }

  void Decl(const FieldDecl& d) {
    out += " (field " + d.name + ' ';
    TypeOf(*d.type);
    if (d.default_value) {
      out += " (default ";
      Expression(*d.default_value);
      out += ')';
    }
    if (!d.doc.empty()) out += " (doc " + Quote(d.doc) + ')';
    if (d.sensitive) out += " sensitive";
    out += ')';
  }

  void Statements(const Block& b) {
    for (const Stmt& s : b) {
      out += ' ';
      std::visit([this](const auto& n) { Statement(n); }, s.node);
    }
  }

  void Statement(const Import& n) { out += "(import " + Quote(n.path) + ')'; }
  void Statement(const Param& n) {
    out += "(param " + n.name + ' ';
    TypeOf(*n.type);
    Opt(n.default_value);
    out += ')';
  }
  void Statement(const Let& n) { Named("let", n.name, *n.value); }
  void Statement(const Group& n) { Named("group", n.name, *n.hosts); }
  void Statement(const Resource& n) {
    out += "(resource " + n.type + ' ';
    Expression(*n.name);
    out += " (on ";
    Expression(*n.target);
    out += ')';
    for (const Field& f : n.fields) {
      out += " (" + f.name + ' ';
      Expression(*f.value);
      out += ')';
    }
    out += ')';
  }
  void Statement(const For& n) {
    out += "(for " + n.var + ' ';
    Expression(*n.iterable);
    Statements(n.body);
    out += ')';
  }
  void Statement(const If& n) {
    out += n.else_if ? "(elseif " : "(if ";
    Expression(*n.cond);
    out += " (then";
    Statements(n.then_body);
    out += ") (else";
    Statements(n.else_body);
    out += "))";
  }
  void Statement(const Module& n) {
    out += "(module " + n.name + " (params";
    for (const FieldDecl& d : n.params) Decl(d);
    out += ')';
    Statements(n.body);
    out += ')';
  }
  void Statement(const Use& n) {
    out += "(use " + n.module + ' ';
    Expression(*n.instance);
    for (const Arg& a : n.args) {
      out += " (" + a.name + ' ';
      Expression(*a.value);
      out += ')';
    }
    out += ')';
  }
  void Statement(const Schema& n) {
    out += (n.settings ? "(settings " : "(schema ") + n.type + (n.host_wide ? " host_wide" : "") + " (doc " + Quote(n.doc) + ')';
    for (const FieldDecl& d : n.fields) Decl(d);
    for (const Check& c : n.checks) {
      out += " (" + CheckWord(c.kind) + " ";
      Expression(*c.cond);
      out += ' ';
      Expression(*c.message);
      out += ')';
    }
    out += ')';
  }

 private:
  void Node(const std::string& head, const Expr& e) {
    out += '(' + head;
    for (const ExprPtr& op : e.operands) {
      out += ' ';
      Expression(*op);
    }
    out += ')';
  }
  void Named(const char* head, const std::string& name, const Expr& value) {
    out += std::string("(") + head + ' ' + name + ' ';
    Expression(value);
    out += ')';
  }
  void Opt(const ExprPtr& e) {
    if (!e) return;
    out += ' ';
    Expression(*e);
  }
};

}  // namespace

std::string Dump(const File& file) {
  std::string out;
  for (const Stmt& s : file.body) {
    Dumper d;
    std::visit([&d](const auto& n) { d.Statement(n); }, s.node);
    out += d.out + '\n';
  }
  return out;
}

std::string Dump(const Block& block) {
  Dumper d;
  d.Statements(block);
  return d.out;
}

std::string Dump(const Expr& expr) {
  Dumper d;
  d.Expression(expr);
  return d.out;
}

std::string Dump(const Type& type) {
  Dumper d;
  d.TypeOf(type);
  return d.out;
}

}  // namespace kilter::compiler::ast
