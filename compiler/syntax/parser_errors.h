#pragma once

#include <tao/pegtl.hpp>

#include "compiler/syntax/grammar.h"
#include "compiler/syntax/parse_state.h"

/// The one table of syntax error messages: what was expected when a must<>
/// rule failed. Every rule under must<> has an entry (checked at compile
/// time); codes are documented in docs/errors/.
namespace kilter::compiler::syntax {

namespace g = grammar;

template <typename Rule>
inline constexpr ErrorInfo kError{};

#define KILTER_SYNTAX_ERROR(rule, code, message, hint) \
  template <>                                          \
  inline constexpr ErrorInfo kError<g::rule>{code, message, hint};

// Strings.
KILTER_SYNTAX_ERROR(str_close, "E0103", "unterminated string",
                    "close it with \" on the same line; write \\n for a line break")
KILTER_SYNTAX_ERROR(escape_char, "E0106", "unknown escape sequence in string",
                    "valid escapes are \\\\ \\\" \\n \\t \\r and \\$ (a literal $ before {)")
KILTER_SYNTAX_ERROR(interp_expr, "E0101", "expected an expression inside ${...}", nullptr)
KILTER_SYNTAX_ERROR(interp_close, "E0101", "expected '}' to close ${...}", nullptr)

// Expressions.
KILTER_SYNTAX_ERROR(expr, "E0101", "expected an expression", nullptr)
KILTER_SYNTAX_ERROR(paren_close, "E0101", "expected ')'", nullptr)
KILTER_SYNTAX_ERROR(list_item, "E0101", "expected a list item or ']'", nullptr)
KILTER_SYNTAX_ERROR(list_sep, "E0101", "expected ',' or ']' in the list", nullptr)
KILTER_SYNTAX_ERROR(obj_field, "E0101", "expected `key = value` or '}' in the object", nullptr)
KILTER_SYNTAX_ERROR(obj_eq, "E0101", "expected '=' after the object key", nullptr)
KILTER_SYNTAX_ERROR(obj_value, "E0101", "expected a value after '='", nullptr)
KILTER_SYNTAX_ERROR(index_close, "E0101", "expected ']' to close the index", nullptr)
KILTER_SYNTAX_ERROR(member_name, "E0101", "expected a field name after '.'", nullptr)
KILTER_SYNTAX_ERROR(call_arg, "E0101", "expected an argument or ')'", nullptr)
KILTER_SYNTAX_ERROR(call_sep, "E0101", "expected ',' or ')' in the argument list", nullptr)
KILTER_SYNTAX_ERROR(unary_operand, "E0101", "expected an operand after the unary operator",
                    nullptr)
KILTER_SYNTAX_ERROR(unary, "E0101", "expected an expression after the operator", nullptr)
KILTER_SYNTAX_ERROR(mul_expr, "E0101", "expected an expression after the operator", nullptr)
KILTER_SYNTAX_ERROR(range_expr, "E0101", "expected an expression after the operator", nullptr)
KILTER_SYNTAX_ERROR(cmp_expr, "E0101", "expected an expression after the operator", nullptr)
KILTER_SYNTAX_ERROR(and_expr, "E0101", "expected an expression after the operator", nullptr)
KILTER_SYNTAX_ERROR(range_end, "E0101", "expected the end of the range after '..'", nullptr)
KILTER_SYNTAX_ERROR(ternary_then, "E0101", "expected an expression after '?'", nullptr)
KILTER_SYNTAX_ERROR(ternary_colon, "E0101", "expected ':' in `condition ? then : else`", nullptr)
KILTER_SYNTAX_ERROR(ternary_else, "E0101", "expected an expression after ':'", nullptr)

// Types and field declarations.
KILTER_SYNTAX_ERROR(enum_value, "E0101", "expected a string after '|'", nullptr)
KILTER_SYNTAX_ERROR(type_expr, "E0101", "expected a type",
                    "types are bool int float string size duration ip cidr port cron group, "
                    "[T], map[T], { field: T }, \"a\" | \"b\"")
KILTER_SYNTAX_ERROR(list_type_close, "E0101", "expected ']' to close the type", nullptr)
KILTER_SYNTAX_ERROR(field_decl, "E0101", "expected a field declaration `name: type`", nullptr)
KILTER_SYNTAX_ERROR(constraint_value, "E0101", "expected a range or list after `in`",
                    "e.g. `int in 1..100` or `string in [\"a\", \"b\"]`")
KILTER_SYNTAX_ERROR(colon, "E0101", "expected ':' and a type", nullptr)
KILTER_SYNTAX_ERROR(decl_type, "E0101", "expected a type after ':'",
                    "types are bool int float string size duration ip cidr port cron group, "
                    "[T], map[T], { field: T }, \"a\" | \"b\"")
KILTER_SYNTAX_ERROR(default_value, "E0101", "expected a default value after '='", nullptr)
KILTER_SYNTAX_ERROR(param_value, "E0101", "expected a default value after '='", nullptr)
KILTER_SYNTAX_ERROR(param_type, "E0101", "expected a type after ':'",
                    "types are bool int float string size duration ip cidr port cron group, "
                    "[T], map[T], { field: T }, \"a\" | \"b\"")

// Statements.
KILTER_SYNTAX_ERROR(binding_name, "E0101", "expected a name", nullptr)
KILTER_SYNTAX_ERROR(import_path, "E0101", "expected the path to import, as a string",
                    "e.g. import \"./common.kilt\" or import \"profiles/opencart\"")
KILTER_SYNTAX_ERROR(eq_sign, "E0101", "expected '='", nullptr)
KILTER_SYNTAX_ERROR(let_value, "E0101", "expected a value after '='", nullptr)
KILTER_SYNTAX_ERROR(for_in, "E0101", "expected `in` after the loop variable", nullptr)
KILTER_SYNTAX_ERROR(for_iterable, "E0101", "expected the list to loop over after `in`", nullptr)
KILTER_SYNTAX_ERROR(if_cond, "E0101", "expected a condition after `if`", nullptr)
KILTER_SYNTAX_ERROR(else_body, "E0101", "expected '{' or `if` after `else`", nullptr)
KILTER_SYNTAX_ERROR(block, "E0101", "expected '{' to open the block", nullptr)
KILTER_SYNTAX_ERROR(block_close, "E0101", "expected '}' to close the block", nullptr)
KILTER_SYNTAX_ERROR(module_params, "E0101", "expected '(' and the module's parameters",
                    "e.g. module web_node(hosts: group, mem: size = 128MiB) { ... }")
KILTER_SYNTAX_ERROR(params_sep, "E0101", "expected ',' or ')' in the parameter list", nullptr)
KILTER_SYNTAX_ERROR(use_module, "E0101", "expected the name of the module to use", nullptr)
KILTER_SYNTAX_ERROR(instance_name, "E0101", "expected the instance name, as a string",
                    "e.g. use web_node \"shop\" (hosts = web)")
KILTER_SYNTAX_ERROR(use_arg, "E0101", "expected `name = value` or ')'", nullptr)
KILTER_SYNTAX_ERROR(arg_value, "E0101", "expected a value after '='", nullptr)
KILTER_SYNTAX_ERROR(args_sep, "E0101", "expected ',' or ')' in the argument list", nullptr)
KILTER_SYNTAX_ERROR(type_word, "E0101", "expected a name after '.' in the resource type", nullptr)
KILTER_SYNTAX_ERROR(schema_type, "E0101", "expected the resource type the schema describes",
                    "e.g. schema php.opcache { ... }")
KILTER_SYNTAX_ERROR(schema_body, "E0101", "expected '{' to open the schema", nullptr)
KILTER_SYNTAX_ERROR(schema_item, "E0101",
                    "expected a field `name: type`, `assert`, `warn` or `memory`, or '}'", nullptr)
KILTER_SYNTAX_ERROR(check_cond, "E0101", "expected a condition", nullptr)
KILTER_SYNTAX_ERROR(check_colon, "E0101", "expected ':' and a message after the condition",
                    "e.g. warn revalidate_freq == 0s : \"stats every file on every request\"")
KILTER_SYNTAX_ERROR(check_message, "E0101", "expected the message after ':'", nullptr)
KILTER_SYNTAX_ERROR(resource_name, "E0101", "expected the resource name, as a string",
                    "a resource is written TYPE \"NAME\" on TARGET { field = value }; "
                    "to define a value write `let NAME = ...`")
KILTER_SYNTAX_ERROR(kw_on, "E0101", "expected `on` and the target hosts after the resource name",
                    "e.g. php.opcache \"storefront\" on web { ... }")
KILTER_SYNTAX_ERROR(resource_target, "E0101", "expected the target hosts after `on`",
                    "a host, a group, a list of host names, or a union like `web + db1`")
KILTER_SYNTAX_ERROR(resource_body, "E0101", "expected '{' to open the resource body", nullptr)
KILTER_SYNTAX_ERROR(resource_field, "E0101", "expected `field = value` or '}'", nullptr)
KILTER_SYNTAX_ERROR(field_eq, "E0101", "expected '=' after the field name", nullptr)
KILTER_SYNTAX_ERROR(field_value, "E0101", "expected a value after '='", nullptr)
KILTER_SYNTAX_ERROR(field_sep, "E0101", "expected a line break, ',' or '}' after the value",
                    nullptr)
KILTER_SYNTAX_ERROR(stmt_end, "E0101", "expected a line break after the statement",
                    "put each statement on its own line")
KILTER_SYNTAX_ERROR(statement, "E0101", "expected a statement",
                    "statements are import, param, let, group, for, if, module, use, schema "
                    "and resources `TYPE \"NAME\" on TARGET { ... }`")

#undef KILTER_SYNTAX_ERROR

/// Hints that depend on the text around the error.
std::string ContextHint(const ErrorInfo& info, const char* at, const ParseState& st);

/// PEGTL control: a failed must<> reports through the table and throws.
template <typename Rule>
struct Control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, ParseState& st, States&&...) {
    constexpr ErrorInfo info = kError<Rule>;
    static_assert(info.message != nullptr, "every rule under must<> needs an error table entry");
    if constexpr (std::is_same_v<Rule, g::str_close>) {
      const char* open = st.text_begin() + st.string_starts.back();
      st.Fail(info.code, st.SpanOf(open, in.current()), info.message, info.hint);
    } else if constexpr (std::is_same_v<Rule, g::escape_char>) {
      // The backslash is behind us; the span covers `\x`.
      const char* at = in.current();
      size_t n = (at == st.text_end() || *at == '\n') ? 0 : 1;
      while (n > 0 && at + n < st.text_end() && (static_cast<unsigned char>(at[n]) & 0xC0) == 0x80) {
        ++n;
      }
      st.Fail(info.code, st.SpanOf(at - 1, at + n),
              std::string(info.message) + " `\\" + std::string(at, n) + "`", info.hint);
    } else {
      st.FailExpected(in.current(), info, ContextHint(info, in.current(), st));
    }
  }
};

}  // namespace kilter::compiler::syntax
