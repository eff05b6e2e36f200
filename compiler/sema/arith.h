#pragma once

#include <optional>
#include <string_view>

#include "compiler/sema/reporter.h"
#include "compiler/sema/value.h"

/// The operators on values, with the unit rules of the language
/// (docs/language.md "Operators"): size and duration keep their unit through
/// + - and scaling by a number, and dividing two of them gives a float ratio.
namespace kilter::compiler::arith {

/// `lhs OP rhs` for every binary operator except && and || (which
/// short-circuit in the evaluator). Type errors, overflow and division by
/// zero are reported at `span` and give nullopt.
std::optional<Value> Binary(std::string_view op, const Value& lhs, const Value& rhs, Span span,
                            Reporter& rep);

/// `-v` and `!v`.
std::optional<Value> Unary(std::string_view op, const Value& v, Span span, Reporter& rep);

/// The host names of a group, a host name string or a list of host name
/// strings; false for anything else.
bool HostNames(const Value& v, ValueList& out);

}  // namespace kilter::compiler::arith
