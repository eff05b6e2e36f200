#pragma once

#include "compiler/syntax/parser_actions_type.h"
#include "compiler/syntax/parser_errors.h"
#include "compiler/syntax/recovery.h"

/// Grammar actions that build statements, and statement-level recovery.
namespace kilter::compiler::syntax {

template <>
struct Action<g::import_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    RequireTopLevel(in, st, "`import`");
    ast::ExprPtr path = st.PopExpr();
    ast::Import node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.path = st.PlainString(*path, "an import path");
    node.path_span = path->span;
    PushStmt(st, std::move(node));
  }
};

template <>
struct Action<g::kw_param> {
  static void apply0(ParseState& st) { st.marks.push_back(st.exprs.size()); }
};

template <>
struct Action<g::param_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    RequireTopLevel(in, st, "`param`");
    ast::Param node;
    node.span = st.SpanOf(in.begin(), in.end());
    if (st.exprs.size() > st.PopMark()) node.default_value = st.PopExpr();
    node.type = st.PopType();
    PendingName name = st.PopName();
    node.name = std::move(name.text);
    node.name_span = name.span;
    PushStmt(st, std::move(node));
  }
};

/// `let NAME = value` and `group NAME = hosts` have the same shape.
template <typename Node, ast::ExprPtr Node::*Value>
struct NameValue {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    Node node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.*Value = st.PopExpr();
    PendingName name = st.PopName();
    node.name = std::move(name.text);
    node.name_span = name.span;
    PushStmt(st, std::move(node));
  }
};
template <> struct Action<g::let_stmt> : NameValue<ast::Let, &ast::Let::value> {};
template <> struct Action<g::group_stmt> : NameValue<ast::Group, &ast::Group::hosts> {};

// ---- blocks: for, if, module ------------------------------------------------
template <>
struct Action<g::block_open> {
  static void apply0(ParseState& st) {
    st.marks.push_back(st.stmts.size());
    ++st.block_depth;
  }
};

template <>
struct Action<g::block_close> {
  static void apply0(ParseState& st) {
    st.blocks.push_back(TakeFrom(st.stmts, st.PopMark()));
    --st.block_depth;
  }
};

template <>
struct Action<g::block> : DepthGuard {};

inline ast::Block PopBlock(ParseState& st) {
  ast::Block b = std::move(st.blocks.back());
  st.blocks.pop_back();
  return b;
}

template <>
struct Action<g::for_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::For node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.body = PopBlock(st);
    node.iterable = st.PopExpr();
    PendingName var = st.PopName();
    node.var = std::move(var.text);
    node.var_span = var.span;
    PushStmt(st, std::move(node));
  }
};

template <>
struct Action<g::kw_if> {
  static void apply0(ParseState& st) { st.marks.push_back(st.blocks.size()); }
};

template <typename In>
ast::If BuildIf(const In& in, ParseState& st) {
  ast::If node;
  node.span = st.SpanOf(in.begin(), in.end());
  if (st.blocks.size() - st.PopMark() == 2) node.else_body = PopBlock(st);
  node.then_body = PopBlock(st);
  node.cond = st.PopExpr();
  return node;
}

template <>
struct Action<g::if_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    PushStmt(st, BuildIf(in, st));
  }
};

/// `else if`: becomes the only statement of the outer if's else block.
template <>
struct Action<g::else_if> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::If node = BuildIf(in, st);
    node.else_if = true;
    ast::Block block;
    block.push_back(ast::Stmt{std::move(node)});
    st.blocks.push_back(std::move(block));
  }
};

template <>
struct Action<g::params_open> {
  static void apply0(ParseState& st) { st.marks.push_back(st.decls.size()); }
};

template <>
struct Action<g::module_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    RequireTopLevel(in, st, "`module`");
    ast::Module node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.body = PopBlock(st);
    node.params = TakeFrom(st.decls, st.PopMark());
    PendingName name = st.PopName();
    node.name = std::move(name.text);
    node.name_span = name.span;
    PushStmt(st, std::move(node));
  }
};

// ---- use ----------------------------------------------------------------------
template <>
struct Action<g::args_mark> {
  static void apply0(ParseState& st) { st.marks.push_back(st.args.size()); }
};

template <>
struct Action<g::arg_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::Arg arg;
    arg.name = in.string();
    arg.name_span = st.SpanOf(in.begin(), in.end());
    st.args.push_back(std::move(arg));
  }
};

template <>
struct Action<g::arg_value> {
  static void apply0(ParseState& st) { st.args.back().value = st.PopExpr(); }
};

template <>
struct Action<g::use_arg> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.args.back().span = st.SpanOf(in.begin(), in.end());
  }
};

template <>
struct Action<g::use_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::Use node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.args = TakeFrom(st.args, st.PopMark());
    node.instance = st.PopExpr();
    PendingName module = st.PopName();
    node.module = std::move(module.text);
    node.module_span = module.span;
    PushStmt(st, std::move(node));
  }
};

}  // namespace kilter::compiler::syntax
