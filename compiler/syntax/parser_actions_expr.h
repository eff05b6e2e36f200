#pragma once

#include <tao/pegtl.hpp>

#include "compiler/syntax/grammar.h"
#include "compiler/syntax/literals.h"
#include "compiler/syntax/parse_state.h"

/// Grammar actions that build expressions and types. Each pushes its finished
/// node on a ParseState stack; the enclosing construct pops it.
namespace kilter::compiler::syntax {

namespace g = grammar;
namespace pegtl = tao::pegtl;
using Kind = ast::Expr::Kind;

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

inline ast::ExprPtr MakeExpr(Kind kind, Span span, std::string text = {}) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->span = span;
  e->text = std::move(text);
  return e;
}

/// Moves `v[from..]` out of a stack into a new vector.
template <typename T>
std::vector<T> TakeFrom(std::vector<T>& v, size_t from) {
  std::vector<T> out(std::make_move_iterator(v.begin() + static_cast<std::ptrdiff_t>(from)),
                     std::make_move_iterator(v.end()));
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(from), v.end());
  return out;
}

/// Counts nesting for rules that recurse; too deep ends the parse with E0102
/// before the stack could overflow.
struct DepthGuard : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Act, template <typename...> class Ctl,
            typename ParseInput>
  static bool match(ParseInput& in, ParseState& st) {
    if (st.depth >= kMaxNestingDepth) st.FailTooDeep(in.current());
    ++st.depth;
    struct Leave {
      ParseState& st;
      ~Leave() { --st.depth; }
    } leave{st};
    return pegtl::match<Rule, A, M, Act, Ctl>(in, st);
  }
};

// ---- comments -----------------------------------------------------------
template <>
struct Action<g::comment> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.AddComment(in.begin(), in.end());
  }
};

// ---- strings ------------------------------------------------------------
template <>
struct Action<g::str_open> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.string_starts.push_back(st.Offset(in.begin()));
    st.marks.push_back(st.parts.size());
  }
};

inline void AppendText(ParseState& st, std::string_view text) {
  if (st.parts.size() > st.marks.back() && !st.parts.back().expr) {
    st.parts.back().text += text;
  } else {
    st.parts.push_back({std::string(text), nullptr});
  }
}

template <>
struct Action<g::str_text> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    AppendText(st, in.string_view());
  }
};

template <>
struct Action<g::escape_char> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    char c = *in.begin();
    char out = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
    AppendText(st, std::string_view(&out, 1));
  }
};

template <>
struct Action<g::interp> {
  static void apply0(ParseState& st) { st.parts.push_back({std::string(), st.PopExpr()}); }
};

template <>
struct Action<g::string_lit> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto e = MakeExpr(Kind::kString, st.SpanOf(in.begin(), in.end()));
    e->parts = TakeFrom(st.parts, st.PopMark());
    st.string_starts.pop_back();
    st.exprs.push_back(std::move(e));
  }
};

// ---- literals and names ---------------------------------------------------
template <>
struct Action<g::number_lit> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    literals::NumberClass c = literals::ClassifyNumber(in.string_view());
    Span span = st.SpanOf(in.begin(), in.end());
    if (!c.code.empty()) st.Fail(c.code.c_str(), span, c.message, c.hint);
    st.exprs.push_back(MakeExpr(c.kind, span, in.string()));
  }
};

template <>
struct Action<g::bool_lit> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.exprs.push_back(MakeExpr(Kind::kBool, st.SpanOf(in.begin(), in.end()), in.string()));
  }
};

template <>
struct Action<g::ident_ref> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.exprs.push_back(MakeExpr(Kind::kIdent, st.SpanOf(in.begin(), in.end()), in.string()));
  }
};

// ---- lists and objects ----------------------------------------------------
template <>
struct Action<g::list_open> {
  static void apply0(ParseState& st) { st.marks.push_back(st.exprs.size()); }
};

template <>
struct Action<g::list_lit> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto e = MakeExpr(Kind::kList, st.SpanOf(in.begin(), in.end()));
    e->operands = TakeFrom(st.exprs, st.PopMark());
    st.exprs.push_back(std::move(e));
  }
};

template <>
struct Action<g::obj_open> {
  static void apply0(ParseState& st) { st.marks.push_back(st.obj_fields.size()); }
};

template <>
struct Action<g::obj_key> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::ObjectField f;
    f.key_span = st.SpanOf(in.begin(), in.end());
    if (*in.begin() == '"') {
      ast::ExprPtr str = st.PopExpr();
      f.key = st.PlainString(*str, "an object key");
    } else {
      f.key = in.string();
    }
    st.obj_fields.push_back(std::move(f));
  }
};

template <>
struct Action<g::obj_value> {
  static void apply0(ParseState& st) { st.obj_fields.back().value = st.PopExpr(); }
};

template <>
struct Action<g::obj_field> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.obj_fields.back().span = st.SpanOf(in.begin(), in.end());
  }
};

template <>
struct Action<g::obj_lit> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto e = MakeExpr(Kind::kObject, st.SpanOf(in.begin(), in.end()));
    e->fields = TakeFrom(st.obj_fields, st.PopMark());
    st.exprs.push_back(std::move(e));
  }
};

template <>
struct Action<g::paren_expr> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.exprs.back()->parenthesized = true;
    st.exprs.back()->span = st.SpanOf(in.begin(), in.end());
  }
};

// ---- postfix: a[i]  a.b  f(x) ---------------------------------------------
template <>
struct Action<g::index_suffix> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::ExprPtr index = st.PopExpr();
    ast::ExprPtr target = st.PopExpr();
    auto e = MakeExpr(Kind::kIndex, {&st.file(), target->span.begin, st.Offset(in.end())});
    e->operands.push_back(std::move(target));
    e->operands.push_back(std::move(index));
    st.exprs.push_back(std::move(e));
  }
};

template <>
struct Action<g::member_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.names.push_back({in.string(), st.SpanOf(in.begin(), in.end())});
  }
};

template <>
struct Action<g::member_suffix> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    PendingName name = st.PopName();
    ast::ExprPtr target = st.PopExpr();
    auto e = MakeExpr(Kind::kMember, {&st.file(), target->span.begin, st.Offset(in.end())},
                      std::move(name.text));
    e->operands.push_back(std::move(target));
    st.exprs.push_back(std::move(e));
  }
};

template <>
struct Action<g::call_open> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    const ast::Expr& callee = *st.exprs.back();
    if (callee.kind != Kind::kIdent || callee.parenthesized) {
      st.Fail("E0101", st.SpanOf(in.begin(), in.end()),
              "only a function name can be called, found '(' after an expression");
    }
    st.marks.push_back(st.exprs.size());
  }
};

template <>
struct Action<g::call_suffix> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    std::vector<ast::ExprPtr> args = TakeFrom(st.exprs, st.PopMark());
    ast::ExprPtr callee = st.PopExpr();
    auto e = MakeExpr(Kind::kCall, {&st.file(), callee->span.begin, st.Offset(in.end())},
                      std::move(callee->text));
    e->operands = std::move(args);
    st.exprs.push_back(std::move(e));
  }
};

// ---- operators ------------------------------------------------------------
/// Operators push their text; the rule that completes the node pops it.
struct PushOp {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.ops.push_back(in.string_view());
  }
};
template <> struct Action<g::unary_op> : PushOp {};
template <> struct Action<g::mul_op> : PushOp {};
template <> struct Action<g::add_op> : PushOp {};
template <> struct Action<g::cmp_op> : PushOp {};
template <> struct Action<g::and_op> : PushOp {};
template <> struct Action<g::or_op> : PushOp {};

template <>
struct Action<g::unary_apply> : DepthGuard {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::ExprPtr operand = st.PopExpr();
    auto e = MakeExpr(Kind::kUnary, st.SpanOf(in.begin(), in.end()), std::string(st.ops.back()));
    st.ops.pop_back();
    e->operands.push_back(std::move(operand));
    st.exprs.push_back(std::move(e));
  }
};

/// Replaces the top `n` expressions by one node of `kind` spanning them.
inline void Combine(ParseState& st, Kind kind, size_t n, std::string text = {}) {
  size_t first = st.exprs.size() - n;
  Span span{&st.file(), st.exprs[first]->span.begin, st.exprs.back()->span.end};
  auto e = MakeExpr(kind, span, std::move(text));
  e->operands = TakeFrom(st.exprs, first);
  st.exprs.push_back(std::move(e));
}

template <typename Op, typename Operand>
struct Action<g::bin_tail<Op, Operand>> {
  static void apply0(ParseState& st) {
    std::string op(st.ops.back());
    st.ops.pop_back();
    Combine(st, Kind::kBinary, 2, std::move(op));
  }
};

template <>
struct Action<g::range_tail> {
  static void apply0(ParseState& st) { Combine(st, Kind::kRange, 2); }
};

template <>
struct Action<g::ternary_tail> {
  static void apply0(ParseState& st) { Combine(st, Kind::kTernary, 3); }
};

template <>
struct Action<g::expr> : DepthGuard {};

}  // namespace kilter::compiler::syntax
