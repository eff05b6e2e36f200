#pragma once

#include "compiler/syntax/parser_actions_expr.h"

/// Grammar actions that build types, field declarations and pending names.
namespace kilter::compiler::syntax {

inline ast::TypePtr MakeType(ast::Type::Kind kind, Span span) {
  auto t = std::make_unique<ast::Type>();
  t->kind = kind;
  t->span = span;
  return t;
}

// ---- types ------------------------------------------------------------------
template <>
struct Action<g::named_type> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto t = MakeType(ast::Type::Kind::kNamed, st.SpanOf(in.begin(), in.end()));
    t->name = in.string();
    st.types.push_back(std::move(t));
  }
};

template <>
struct Action<g::enum_start> {
  static void apply0(ParseState& st) { st.marks.push_back(st.exprs.size()); }
};

template <>
struct Action<g::enum_type> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto t = MakeType(ast::Type::Kind::kEnum, st.SpanOf(in.begin(), in.end()));
    for (const ast::ExprPtr& value : TakeFrom(st.exprs, st.PopMark())) {
      t->enum_values.push_back(st.PlainString(*value, "an enum value"));
    }
    st.types.push_back(std::move(t));
  }
};

/// `[T]` and `map[T]`: a type around the element type on the stack.
template <ast::Type::Kind K>
struct WrapElement {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto t = MakeType(K, st.SpanOf(in.begin(), in.end()));
    t->element = st.PopType();
    st.types.push_back(std::move(t));
  }
};
template <> struct Action<g::list_type> : WrapElement<ast::Type::Kind::kList> {};
template <> struct Action<g::map_type> : WrapElement<ast::Type::Kind::kMap> {};

template <>
struct Action<g::obj_type_open> {
  static void apply0(ParseState& st) { st.marks.push_back(st.decls.size()); }
};

template <>
struct Action<g::object_type> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto t = MakeType(ast::Type::Kind::kObject, st.SpanOf(in.begin(), in.end()));
    t->fields = TakeFrom(st.decls, st.PopMark());
    st.types.push_back(std::move(t));
  }
};

template <>
struct Action<g::optional_mark> {
  static void apply0(ParseState& st) { st.types.back()->optional = true; }
};

template <>
struct Action<g::type_constraint> {
  static void apply0(ParseState& st) { st.types.back()->constraint = st.PopExpr(); }
};

template <>
struct Action<g::type_expr> : DepthGuard {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.types.back()->span = st.SpanOf(in.begin(), in.end());
  }
};

// ---- field declarations ---------------------------------------------------
template <>
struct Action<g::decl_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::FieldDecl d;
    d.name = in.string();
    d.name_span = st.SpanOf(in.begin(), in.end());
    st.decls.push_back(std::move(d));
  }
};

template <>
struct Action<g::decl_type> {
  static void apply0(ParseState& st) { st.decls.back().type = st.PopType(); }
};

template <>
struct Action<g::default_value> {
  static void apply0(ParseState& st) { st.decls.back().default_value = st.PopExpr(); }
};

template <>
struct Action<g::decl_doc> {
  static void apply0(ParseState& st) {
    ast::ExprPtr doc = st.PopExpr();
    st.decls.back().doc = st.PlainString(*doc, "a doc string");
  }
};

template <>
struct Action<g::kw_sensitive> {
  static void apply0(ParseState& st) { st.decls.back().sensitive = true; }
};

template <>
struct Action<g::field_decl> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.decls.back().span = st.SpanOf(in.begin(), in.end());
  }
};

// ---- names ------------------------------------------------------------------
/// Pushes the matched word as a pending name.
struct PushName {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.names.push_back({in.string(), st.SpanOf(in.begin(), in.end())});
  }
};
template <> struct Action<g::binding_word> : PushName {};
template <> struct Action<g::use_module> : PushName {};
template <> struct Action<g::dotted_type> : PushName {};

template <>
struct Action<g::reserved_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.Fail("E0107", st.SpanOf(in.begin(), in.end()),
            "`" + in.string() + "` is a keyword and cannot be used as a name",
            "choose another name, e.g. `" + in.string() + "_name`");
  }
};

/// Statements that only make sense at the top of a file (E0108 elsewhere).
template <typename In>
void RequireTopLevel(const In& in, ParseState& st, const char* what) {
  if (st.block_depth > 0) {
    const char* kw_end = in.begin();
    while (kw_end != in.end() && *kw_end >= 'a' && *kw_end <= 'z') ++kw_end;
    st.Fail("E0108", st.SpanOf(in.begin(), kw_end),
            std::string(what) + " is only allowed at the top level of a file, not inside a block",
            "move it out of the for/if/module block");
  }
}

template <typename Node>
void PushStmt(ParseState& st, Node node) {
  st.stmts.push_back(ast::Stmt{std::move(node)});
}

}  // namespace kilter::compiler::syntax
