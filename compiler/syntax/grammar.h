#pragma once

#include <tao/pegtl.hpp>

#include "compiler/syntax/grammar_lexical.h"

/// The PEG grammar of the kilter language (docs/language.md is the user's view
/// of it). Rules only recognise text; building the AST is the actions' job
/// (parser_actions.h) and error messages live in one table (parser_errors.h).
///
/// Discipline that keeps the actions simple:
/// - whitespace (`ws`) is consumed *between* tokens, never at the end of a rule
///   that becomes a node, so a rule's matched text is exactly its node's span;
/// - once the first token of a construct matched, the rest is under `must<>`:
///   a construct either matches completely or raises, so actions never run for
///   text that is later backtracked over.
namespace kilter::compiler::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::must;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;

struct expr;
struct type_expr;
struct field_decl;
struct statement;
struct block;

// ---- punctuation, named per use so each has its own error message ----------
struct eq_sign : one<'='> {};
struct colon : one<':'> {};
struct field_sep : sor<one<','>, at<one<'}'>>, newline_before> {};
struct stmt_end : sor<pegtl::eof, at<one<'}'>>, newline_before> {};
/// A value after `=` starts on the line of the `=`: a forgotten value is
/// reported there instead of swallowing the next line.
struct same_line : not_at<newline_before> {};

// ---- strings ------------------------------------------------------------
struct str_open : one<'"'> {};
struct str_close : one<'"'> {};
struct str_text
    : pegtl::plus<sor<pegtl::not_one<'"', '\\', '\n', '$'>, seq<one<'$'>, not_at<one<'{'>>>>> {};
struct escape_char : one<'\\', '"', 'n', 't', 'r', '$'> {};
struct str_escape : seq<one<'\\'>, must<escape_char>> {};
struct interp_expr : seq<expr> {};
struct interp_close : one<'}'> {};
struct interp : seq<pegtl::string<'$', '{'>, ws, must<interp_expr>, ws, must<interp_close>> {};
struct string_lit : seq<str_open, star<sor<str_text, str_escape, interp>>, must<str_close>> {};

// ---- numbers: 42 1.5 256MiB 250ms 1h30m 10.0.0.1 10.0.0.0/8 ----------------
// The rule is deliberately permissive (any unit word, any number of dotted
// groups); the action classifies the text and reports precise errors.
struct digits : pegtl::plus<pegtl::digit> {};
struct address_tail : seq<one<'.'>, digits, one<'.'>, digits, star<one<'.'>, digits>,
                          opt<one<'/'>, digits>> {};
struct fraction : seq<one<'.'>, digits> {};
struct unit_suffix
    : seq<pegtl::ranges<'a', 'z', 'A', 'Z', '_'>, star<pegtl::identifier_other>> {};
struct number_lit : seq<digits, sor<address_tail, opt<fraction>>, opt<unit_suffix>> {};

// ---- expressions ----------------------------------------------------------
struct paren_close : one<')'> {};
struct paren_expr : seq<one<'('>, ws, must<expr>, ws, must<paren_close>> {};

struct list_open : one<'['> {};
struct list_close : one<']'> {};
struct list_item : seq<expr> {};
struct list_sep : sor<one<','>, at<list_close>> {};
struct list_lit : seq<list_open, ws, until<list_close, must<list_item>, ws, must<list_sep>, ws>> {};

struct obj_open : one<'{'> {};
struct obj_close : one<'}'> {};
struct obj_key : sor<pegtl::identifier, string_lit> {};
struct obj_eq : one<'='> {};
struct obj_value : seq<same_line, expr> {};
struct obj_field : seq<obj_key, ws, must<obj_eq>, ws, must<obj_value>> {};
struct obj_lit
    : seq<obj_open, ws, until<obj_close, must<obj_field>, ws, must<field_sep>, ws>> {};

struct kw_true : pegtl::keyword<'t', 'r', 'u', 'e'> {};
struct kw_false : pegtl::keyword<'f', 'a', 'l', 's', 'e'> {};
struct bool_lit : sor<kw_true, kw_false> {};
struct ident_ref : seq<not_at<reserved>, pegtl::identifier> {};
struct primary : sor<number_lit, string_lit, list_lit, obj_lit, paren_expr, bool_lit, ident_ref> {};

struct index_close : one<']'> {};
struct index_suffix : seq<one<'['>, ws, must<expr>, ws, must<index_close>> {};
struct member_name : pegtl::identifier {};
struct member_suffix : seq<one<'.'>, not_at<one<'.'>>, must<member_name>> {};
struct call_open : one<'('> {};
struct call_close : one<')'> {};
struct call_arg : seq<expr> {};
struct call_sep : sor<one<','>, at<call_close>> {};
struct call_suffix : seq<call_open, ws, until<call_close, must<call_arg>, ws, must<call_sep>, ws>> {};
struct postfix : seq<primary, star<sor<index_suffix, member_suffix, call_suffix>>> {};

struct unary;
struct unary_op : sor<seq<one<'!'>, not_at<one<'='>>>, one<'-'>> {};
struct unary_operand : seq<unary> {};
struct unary_apply : seq<unary_op, ws, must<unary_operand>> {};
struct unary : sor<unary_apply, postfix> {};

/// `lhs OP rhs` repeated: left-associative, one precedence level.
template <typename Op, typename Operand>
struct bin_tail : seq<ws, Op, ws, must<Operand>> {};

struct mul_op : one<'*', '/', '%'> {};
struct mul_expr : seq<unary, star<bin_tail<mul_op, unary>>> {};
struct add_op : one<'+', '-'> {};
struct add_expr : seq<mul_expr, star<bin_tail<add_op, mul_expr>>> {};
struct range_end : seq<add_expr> {};
struct range_tail : seq<ws, pegtl::string<'.', '.'>, ws, must<range_end>> {};
struct range_expr : seq<add_expr, opt<range_tail>> {};
struct cmp_op : sor<pegtl::string<'=', '='>, pegtl::string<'!', '='>, pegtl::string<'<', '='>,
                    pegtl::string<'>', '='>, one<'<'>, one<'>'>> {};
struct cmp_expr : seq<range_expr, star<bin_tail<cmp_op, range_expr>>> {};
struct and_op : pegtl::string<'&', '&'> {};
struct and_expr : seq<cmp_expr, star<bin_tail<and_op, cmp_expr>>> {};
struct or_op : pegtl::string<'|', '|'> {};
struct or_expr : seq<and_expr, star<bin_tail<or_op, and_expr>>> {};
struct ternary_then : seq<expr> {};
struct ternary_colon : one<':'> {};
struct ternary_else : seq<expr> {};
struct ternary_tail : seq<ws, one<'?'>, ws, must<ternary_then>, ws, must<ternary_colon>, ws,
                          must<ternary_else>> {};
/// Nesting depth is counted here (and in unary_apply, type_expr, block).
struct expr : seq<or_expr, opt<ternary_tail>> {};

// ---- types ------------------------------------------------------------------
struct enum_start : at<one<'"'>> {};
struct enum_value : seq<string_lit> {};
struct enum_type : seq<enum_start, enum_value, star<ws, one<'|'>, ws, must<enum_value>>> {};
struct list_type_close : one<']'> {};
struct list_type : seq<one<'['>, ws, must<type_expr>, ws, must<list_type_close>> {};
struct map_type : seq<pegtl::string<'m', 'a', 'p'>, one<'['>, ws, must<type_expr>, ws,
                      must<list_type_close>> {};
struct obj_type_open : one<'{'> {};
struct obj_type_close : one<'}'> {};
struct object_type
    : seq<obj_type_open, ws, until<obj_type_close, must<field_decl>, ws, must<field_sep>, ws>> {};
struct named_type : pegtl::identifier {};
struct base_type : sor<enum_type, list_type, map_type, object_type, named_type> {};
struct optional_mark : one<'?'> {};
struct kw_in : pegtl::keyword<'i', 'n'> {};
struct constraint_value : seq<range_expr> {};
struct type_constraint : seq<kw_in, ws, must<constraint_value>> {};
struct type_expr : seq<base_type, opt<optional_mark>, opt<ws, type_constraint>> {};

/// `name: type = default "doc" sensitive` (schemas, object types, module params).
struct decl_name : pegtl::identifier {};
struct decl_type : seq<type_expr> {};
struct default_value : seq<same_line, expr> {};
struct decl_default : seq<eq_sign, ws, must<default_value>> {};
struct decl_doc : seq<string_lit> {};
struct kw_sensitive : pegtl::keyword<'s', 'e', 'n', 's', 'i', 't', 'i', 'v', 'e'> {};
struct field_decl : seq<decl_name, ws, must<colon>, ws, must<decl_type>, opt<ws, decl_default>,
                        opt<ws, decl_doc>, opt<ws, kw_sensitive>> {};

// ---- statements -----------------------------------------------------------
/// A name being defined: a keyword here is reported (E0107), not skipped.
struct reserved_name : reserved {};
struct binding_word : pegtl::identifier {};
struct binding_name : sor<reserved_name, binding_word> {};

struct kw_import : pegtl::keyword<'i', 'm', 'p', 'o', 'r', 't'> {};
struct import_path : seq<string_lit> {};
struct import_stmt : seq<kw_import, ws, must<import_path>> {};

struct kw_param : pegtl::keyword<'p', 'a', 'r', 'a', 'm'> {};
struct param_type : seq<type_expr> {};
struct param_value : seq<same_line, expr> {};
struct param_default : seq<eq_sign, ws, must<param_value>> {};
struct param_stmt : seq<kw_param, ws, must<binding_name>, ws, must<colon>, ws, must<param_type>,
                        opt<ws, param_default>> {};

struct kw_let : pegtl::keyword<'l', 'e', 't'> {};
struct let_value : seq<same_line, expr> {};
struct let_stmt : seq<kw_let, ws, must<binding_name>, ws, must<eq_sign>, ws, must<let_value>> {};

struct kw_group : pegtl::keyword<'g', 'r', 'o', 'u', 'p'> {};
struct group_stmt
    : seq<kw_group, ws, must<binding_name>, ws, must<eq_sign>, ws, must<let_value>> {};

struct kw_for : pegtl::keyword<'f', 'o', 'r'> {};
struct for_in : seq<kw_in> {};
struct for_iterable : seq<expr> {};
struct for_stmt : seq<kw_for, ws, must<binding_name>, ws, must<for_in>, ws, must<for_iterable>, ws,
                      must<block>> {};

struct kw_if : pegtl::keyword<'i', 'f'> {};
struct kw_else : pegtl::keyword<'e', 'l', 's', 'e'> {};
struct if_cond : seq<expr> {};
struct else_if;
struct else_body : sor<else_if, block> {};
struct else_clause : seq<ws, kw_else, ws, must<else_body>> {};
struct if_stmt : seq<kw_if, ws, must<if_cond>, ws, must<block>, opt<else_clause>> {};
struct else_if : seq<kw_if, ws, must<if_cond>, ws, must<block>, opt<else_clause>> {};

struct kw_module : pegtl::keyword<'m', 'o', 'd', 'u', 'l', 'e'> {};
struct params_open : one<'('> {};
struct params_close : one<')'> {};
struct params_sep : sor<one<','>, at<params_close>> {};
struct module_params
    : seq<params_open, ws, until<params_close, must<field_decl>, ws, must<params_sep>, ws>> {};
struct module_stmt : seq<kw_module, ws, must<binding_name>, ws, must<module_params>, ws,
                         must<block>> {};

struct kw_use : pegtl::keyword<'u', 's', 'e'> {};
struct use_module : pegtl::identifier {};
struct instance_name : seq<string_lit> {};
struct args_mark : pegtl::success {};
struct arg_name : pegtl::identifier {};
struct arg_value : seq<same_line, expr> {};
struct use_arg : seq<arg_name, ws, must<eq_sign>, ws, must<arg_value>> {};
struct args_open : one<'('> {};
struct args_close : one<')'> {};
struct args_sep : sor<one<','>, at<args_close>> {};
struct use_args : seq<args_open, ws, until<args_close, must<use_arg>, ws, must<args_sep>, ws>> {};
struct use_stmt : seq<kw_use, ws, must<use_module>, ws, must<instance_name>, args_mark,
                      opt<ws, use_args>> {};

struct type_word : pegtl::identifier {};
struct dotted_type : seq<not_at<reserved>, type_word, star<one<'.'>, must<type_word>>> {};

struct kw_schema : pegtl::keyword<'s', 'c', 'h', 'e', 'm', 'a'> {};
/// `settings NAME { ... }`: a provider's settings in kilter.toml, declared like a schema body.
struct kw_settings : pegtl::keyword<'s', 'e', 't', 't', 'i', 'n', 'g', 's'> {};
struct schema_type : seq<dotted_type> {};
struct schema_open : one<'{'> {};
struct schema_close : one<'}'> {};
struct schema_doc : seq<string_lit> {};
/// `memory` is no reserved word: a field may be called so (`memory: size`),
/// which the colon after the name tells apart.
struct memory_kw : seq<pegtl::keyword<'m', 'e', 'm', 'o', 'r', 'y'>, not_at<ws, one<':'>>> {};
struct check_kw : sor<pegtl::keyword<'a', 's', 's', 'e', 'r', 't'>, pegtl::keyword<'w', 'a', 'r', 'n'>,
                      memory_kw> {};
struct check_cond : seq<expr> {};
struct check_message : seq<expr> {};
struct check_colon : one<':'> {};
struct check : seq<check_kw, ws, must<check_cond>, ws, must<check_colon>, ws, must<check_message>> {};
struct schema_item : sor<check, field_decl> {};
struct schema_body : seq<schema_open, ws, opt<schema_doc, ws, must<field_sep>, ws>,
                         until<schema_close, must<schema_item>, ws, must<field_sep>, ws>> {};
/// `host_wide`: every field is a setting of the whole host (ast::Schema::host_wide).
struct schema_host_wide : pegtl::keyword<'h', 'o', 's', 't', '_', 'w', 'i', 'd', 'e'> {};
struct schema_stmt
    : seq<sor<kw_schema, kw_settings>, ws, must<schema_type>, ws, opt<schema_host_wide, ws>,
          must<schema_body>> {};

struct resource_name : seq<string_lit> {};
struct kw_on : pegtl::keyword<'o', 'n'> {};
struct resource_target : seq<expr> {};
struct body_open : one<'{'> {};
struct body_close : one<'}'> {};
struct field_name : pegtl::identifier {};
struct field_eq : one<'='> {};
struct field_value : seq<same_line, expr> {};
struct resource_field : seq<field_name, ws, must<field_eq>, ws, must<field_value>> {};
/// A field and its separator. Its action recovers from syntax errors inside
/// the field by skipping to the next field.
struct field_line : seq<must<resource_field>, ws, must<field_sep>, ws> {};
struct resource_body : seq<body_open, ws, until<body_close, field_line>> {};
struct resource_stmt : seq<dotted_type, ws, must<resource_name>, ws, must<kw_on>, ws,
                           must<resource_target>, ws, must<resource_body>> {};

struct statement : sor<import_stmt, param_stmt, let_stmt, group_stmt, for_stmt, if_stmt,
                       module_stmt, use_stmt, schema_stmt, resource_stmt> {};
/// A statement and the line break after it. Its action recovers from syntax
/// errors: it reports, skips to the next statement and succeeds.
struct stmt_line : seq<statement, ws, must<stmt_end>> {};
struct block_stmt : stmt_line {};
struct top_stmt : stmt_line {};

struct block_open : one<'{'> {};
struct block_close : one<'}'> {};
struct block : seq<block_open, ws, star<block_stmt>, must<block_close>> {};

struct bom : pegtl::string<'\xEF', '\xBB', '\xBF'> {};
struct file : seq<opt<bom>, ws, star<top_stmt>, pegtl::eof> {};

}  // namespace kilter::compiler::grammar
