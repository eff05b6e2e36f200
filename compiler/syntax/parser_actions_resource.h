#pragma once

#include "compiler/syntax/parser_actions_stmt.h"

/// Grammar actions for resources and schemas, and statement-level recovery.
namespace kilter::compiler::syntax {

// ---- resources --------------------------------------------------------------
template <>
struct Action<g::body_open> {
  static void apply0(ParseState& st) { st.marks.push_back(st.fields.size()); }
};

template <>
struct Action<g::field_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::Field f;
    f.name = in.string();
    f.name_span = st.SpanOf(in.begin(), in.end());
    st.fields.push_back(std::move(f));
  }
};

template <>
struct Action<g::field_value> {
  static void apply0(ParseState& st) { st.fields.back().value = st.PopExpr(); }
};

template <>
struct Action<g::resource_field> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.fields.back().span = st.SpanOf(in.begin(), in.end());
  }
};

template <>
struct Action<g::resource_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::Resource node;
    node.span = st.SpanOf(in.begin(), in.end());
    node.fields = TakeFrom(st.fields, st.PopMark());
    node.target = st.PopExpr();
    node.name = st.PopExpr();
    PendingName type = st.PopName();
    node.type = std::move(type.text);
    node.type_span = type.span;
    PushStmt(st, std::move(node));
  }
};

// ---- schemas ----------------------------------------------------------------
template <>
struct Action<g::schema_open> {
  static void apply0(ParseState& st) {
    st.marks.push_back(st.decls.size());
    st.marks.push_back(st.checks.size());
    st.marks.push_back(st.names.size());
  }
};

template <>
struct Action<g::schema_doc> {
  static void apply0(ParseState& st) {
    ast::ExprPtr doc = st.PopExpr();
    st.names.push_back({st.PlainString(*doc, "a schema doc string"), doc->span});
  }
};

template <>
struct Action<g::check_kw> : PushOp {};

template <>
struct Action<g::check> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    ast::Check c;
    c.span = st.SpanOf(in.begin(), in.end());
    c.message = st.PopExpr();
    c.cond = st.PopExpr();
    std::string_view kw = st.ops.back();
    c.kind = kw == "warn"     ? ast::Check::Kind::kWarn
             : kw == "memory" ? ast::Check::Kind::kMemory
                              : ast::Check::Kind::kAssert;
    st.ops.pop_back();
    st.checks.push_back(std::move(c));
  }
};

template <>
struct Action<g::schema_host_wide> : PushOp {};

template <>
struct Action<g::kw_settings> : PushOp {};

template <>
struct Action<g::schema_stmt> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    RequireTopLevel(in, st, "`schema` and `settings`");
    ast::Schema node;
    node.span = st.SpanOf(in.begin(), in.end());
    if (!st.ops.empty() && st.ops.back() == "host_wide") {
      node.host_wide = true;
      st.ops.pop_back();
    }
    if (!st.ops.empty() && st.ops.back() == "settings") {
      node.settings = true;
      st.ops.pop_back();
    }
    if (st.names.size() > st.PopMark()) node.doc = st.PopName().text;
    node.checks = TakeFrom(st.checks, st.PopMark());
    node.fields = TakeFrom(st.decls, st.PopMark());
    PendingName type = st.PopName();
    node.type = std::move(type.text);
    node.type_span = type.span;
    PushStmt(st, std::move(node));
  }
};

// ---- recovery -----------------------------------------------------------------
/// Parses one statement; on a syntax error (already reported) drops what the
/// statement had built, skips to the next statement and succeeds, so the
/// parse goes on. Fails only where no statement can start: the end of the
/// input, or the '}' closing the enclosing block.
template <bool kNested>
struct Recover : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Act, template <typename...> class Ctl,
            typename ParseInput>
  static bool match(ParseInput& in, ParseState& st) {
    if (in.empty() || (kNested && in.peek_char() == '}')) return false;
    const char* start = in.current();
    ParseState::Snapshot snapshot = st.Save();
    try {
      if (pegtl::match<Rule, A, M, Act, Ctl>(in, st)) return true;
      st.FailExpected(start, kError<g::statement>, {}, /*at_line_start=*/true);
    } catch (const SyntaxError&) {
      st.Restore(snapshot);
      const char* line = start;
      while (line != st.text_begin() && line[-1] != '\n') --line;
      in.iterator() = SkipStatement(start, line, st.resume_floor(), st.text_end(), kNested);
    } catch (const NestingTooDeep&) {
      if (kNested) throw;
      // Pathological input: keep what parsed so far and stop.
      st.Restore(snapshot);
      in.iterator() = st.text_end();
    }
    return true;
  }
};

template <> struct Action<g::block_stmt> : Recover<true> {};

/// Parses one resource field; on a syntax error (already reported) drops the
/// field and resumes at the next one, so one run reports every broken field
/// of a body. When the body itself looks broken, statement recovery takes over.
struct RecoverField : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Act, template <typename...> class Ctl,
            typename ParseInput>
  static bool match(ParseInput& in, ParseState& st) {
    const char* start = in.current();
    ParseState::Snapshot snapshot = st.Save();
    try {
      return pegtl::match<Rule, A, M, Act, Ctl>(in, st);
    } catch (const SyntaxError&) {
      const char* resume = SkipField(start, st.resume_floor(), st.text_end());
      if (!resume) throw;
      st.Restore(snapshot);
      in.iterator() = resume;
      return true;
    }
  }
};
template <> struct Action<g::field_line> : RecoverField {};
template <> struct Action<g::top_stmt> : Recover<false> {};

}  // namespace kilter::compiler::syntax
