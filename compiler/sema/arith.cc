#include "compiler/sema/arith.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "compiler/sema/codes.h"

namespace kilter::compiler::arith {

namespace {

using K = Value::Kind;

bool IsQuantity(const Value& v) { return v.kind() == K::kSize || v.kind() == K::kDuration; }
bool IsZeroInt(const Value& v) { return v.kind() == K::kInt && v.AsInt() == 0; }
double Num(const Value& v) {
  return v.kind() == K::kInt ? static_cast<double>(v.AsInt()) : v.AsFloat();
}

Value Quantity(K kind, int64_t n, Span span) {
  return kind == K::kSize ? Value::Size(n, span) : Value::Duration(n, span);
}

std::optional<Value> Mismatch(std::string_view op, const Value& l, const Value& r, Span span,
                              Reporter& rep) {
  std::string hint;
  if ((IsQuantity(l) && r.kind() == K::kInt) || (IsQuantity(r) && l.kind() == K::kInt)) {
    const Value& q = IsQuantity(l) ? l : r;
    hint = fmt::format("give the number a unit, like {}", q.kind() == K::kSize ? "64MiB" : "30s");
  } else if (l.kind() == K::kSecret || r.kind() == K::kSecret) {
    hint = "a secret is read at plan time, so the specs can only place it: \"text ${secret}\"";
  } else if (l.kind() == K::kString || r.kind() == K::kString) {
    hint = "to build text from values, interpolate: \"${value}\"";
  }
  rep.Error(codes::kOperandType, span,
            fmt::format("`{}` does not apply to {} and {}", op, Describe(l), Describe(r)), hint);
  return std::nullopt;
}

std::optional<Value> Overflow(Span span, Reporter& rep) {
  rep.Error(codes::kOverflow, span, "the result does not fit in 64 bits");
  return std::nullopt;
}

std::optional<Value> ByZero(Span span, Reporter& rep) {
  rep.Error(codes::kDivisionByZero, span, "division by zero");
  return std::nullopt;
}

/// A quantity scaled by a float, rounded to a whole byte or millisecond.
std::optional<Value> Scale(const Value& q, double factor, Span span, Reporter& rep) {
  double result = std::round(static_cast<double>(q.AsInt()) * factor);
  if (!std::isfinite(result) || std::fabs(result) >= 9.2e18) return Overflow(span, rep);
  return Quantity(q.kind(), static_cast<int64_t>(result), span);
}

std::optional<Value> Float(double d, Span span, Reporter& rep) {
  if (!std::isfinite(d)) return Overflow(span, rep);
  return Value::Float(d, span);
}

std::optional<Value> Plus(std::string_view op, const Value& l, const Value& r, Span span,
                          Reporter& rep) {
  bool add = op == "+";
  if (l.kind() == K::kInt && r.kind() == K::kInt) {
    int64_t out = 0;
    bool overflow = add ? __builtin_add_overflow(l.AsInt(), r.AsInt(), &out)
                        : __builtin_sub_overflow(l.AsInt(), r.AsInt(), &out);
    return overflow ? Overflow(span, rep) : Value::Int(out, span);
  }
  if (l.is_number() && r.is_number()) {
    return Float(add ? Num(l) + Num(r) : Num(l) - Num(r), span, rep);
  }
  if (IsQuantity(l) && l.kind() == r.kind()) {
    int64_t out = 0;
    bool overflow = add ? __builtin_add_overflow(l.AsInt(), r.AsInt(), &out)
                        : __builtin_sub_overflow(l.AsInt(), r.AsInt(), &out);
    return overflow ? Overflow(span, rep) : Quantity(l.kind(), out, span);
  }
  if (!add) return Mismatch(op, l, r, span, rep);
  if (l.kind() == K::kGroup || r.kind() == K::kGroup) {
    ValueList hosts;
    if (!HostNames(l, hosts) || !HostNames(r, hosts)) return Mismatch(op, l, r, span, rep);
    ValueList unique;
    for (Value& h : hosts) {
      bool seen = false;
      for (const Value& u : unique) seen = seen || u.AsString() == h.AsString();
      if (!seen) unique.push_back(std::move(h));
    }
    return Value::Group(std::move(unique), span);
  }
  if (l.kind() == K::kString && r.kind() == K::kString) {
    return Value::String(l.AsString() + r.AsString(), span);
  }
  if (l.kind() == K::kList && r.kind() == K::kList) {
    ValueList items = l.Items();
    items.insert(items.end(), r.Items().begin(), r.Items().end());
    return Value::List(std::move(items), span);
  }
  return Mismatch(op, l, r, span, rep);
}

std::optional<Value> Times(const Value& l, const Value& r, Span span, Reporter& rep) {
  if (l.kind() == K::kInt && r.kind() == K::kInt) {
    int64_t out = 0;
    if (__builtin_mul_overflow(l.AsInt(), r.AsInt(), &out)) return Overflow(span, rep);
    return Value::Int(out, span);
  }
  if (l.is_number() && r.is_number()) return Float(Num(l) * Num(r), span, rep);
  const Value& q = IsQuantity(l) ? l : r;
  const Value& n = IsQuantity(l) ? r : l;
  if (IsQuantity(q) && n.kind() == K::kInt) {
    int64_t out = 0;
    if (__builtin_mul_overflow(q.AsInt(), n.AsInt(), &out)) return Overflow(span, rep);
    return Quantity(q.kind(), out, span);
  }
  if (IsQuantity(q) && n.kind() == K::kFloat) return Scale(q, n.AsFloat(), span, rep);
  return Mismatch("*", l, r, span, rep);
}

std::optional<Value> Divide(std::string_view op, const Value& l, const Value& r, Span span,
                            Reporter& rep) {
  bool mod = op == "%";
  bool same_quantity = IsQuantity(l) && l.kind() == r.kind();
  if ((l.kind() == K::kInt && r.kind() == K::kInt) || same_quantity ||
      (IsQuantity(l) && r.kind() == K::kInt && !mod)) {
    if (r.AsInt() == 0) return ByZero(span, rep);
    if (l.AsInt() == INT64_MIN && r.AsInt() == -1) return Overflow(span, rep);
    if (same_quantity && !mod) {
      return Value::Float(static_cast<double>(l.AsInt()) / static_cast<double>(r.AsInt()), span);
    }
    int64_t out = mod ? l.AsInt() % r.AsInt() : l.AsInt() / r.AsInt();
    return IsQuantity(l) ? Quantity(l.kind(), out, span) : Value::Int(out, span);
  }
  if (mod) return Mismatch(op, l, r, span, rep);
  if (l.is_number() && r.is_number()) {
    if (Num(r) == 0) return ByZero(span, rep);
    return Float(Num(l) / Num(r), span, rep);
  }
  if (IsQuantity(l) && r.kind() == K::kFloat) {
    if (r.AsFloat() == 0) return ByZero(span, rep);
    return Scale(l, 1.0 / r.AsFloat(), span, rep);
  }
  return Mismatch(op, l, r, span, rep);
}

/// Whether two values may be compared: same kind, two numbers, null against
/// anything (an unset optional field), or a size/duration against a plain 0.
bool Comparable(const Value& l, const Value& r) {
  if (l.kind() == r.kind()) return true;
  if (l.is_number() && r.is_number()) return true;
  if (l.kind() == K::kNull || r.kind() == K::kNull) return true;
  return (IsQuantity(l) && IsZeroInt(r)) || (IsQuantity(r) && IsZeroInt(l));
}

std::optional<Value> Compare(std::string_view op, const Value& l, const Value& r, Span span,
                             Reporter& rep) {
  if (!Comparable(l, r)) return Mismatch(op, l, r, span, rep);
  if (op == "==" || op == "!=") {
    bool eq = (IsQuantity(l) && IsZeroInt(r)) || (IsQuantity(r) && IsZeroInt(l))
                  ? l.AsInt() == r.AsInt()
                  : Equal(l, r);
    return Value::Bool(op == "==" ? eq : !eq, span);
  }
  int order = 0;
  if (l.kind() == K::kString && r.kind() == K::kString) {
    order = l.AsString().compare(r.AsString());
  } else if (l.is_number() && r.is_number() && (l.kind() == K::kFloat || r.kind() == K::kFloat)) {
    order = Num(l) < Num(r) ? -1 : Num(l) > Num(r) ? 1 : 0;
  } else if ((l.kind() == K::kInt || IsQuantity(l)) && (r.kind() == K::kInt || IsQuantity(r))) {
    order = l.AsInt() < r.AsInt() ? -1 : l.AsInt() > r.AsInt() ? 1 : 0;
  } else {
    return Mismatch(op, l, r, span, rep);
  }
  bool result = op == "<"    ? order < 0
                : op == "<=" ? order <= 0
                : op == ">"  ? order > 0
                             : order >= 0;
  return Value::Bool(result, span);
}

std::optional<Value> In(const Value& l, const Value& r, Span span, Reporter& rep) {
  switch (r.kind()) {
    case K::kList:
      for (const Value& item : r.Items()) {
        if (Comparable(l, item) && Equal(l, item)) return Value::Bool(true, span);
      }
      return Value::Bool(false, span);
    case K::kGroup:
      if (l.kind() != K::kString) break;
      for (const Value& host : r.Items()) {
        if (host.AsString() == l.AsString()) return Value::Bool(true, span);
      }
      return Value::Bool(false, span);
    case K::kRange: {
      std::optional<Value> low = Compare(">=", l, r.Items()[0], span, rep);
      if (!low) return std::nullopt;
      std::optional<Value> high = Compare("<=", l, r.Items()[1], span, rep);
      if (!high) return std::nullopt;
      return Value::Bool(low->AsBool() && high->AsBool(), span);
    }
    case K::kObject:
      if (l.kind() != K::kString) break;
      return Value::Bool(r.Find(l.AsString()) != nullptr, span);
    case K::kString:
      if (l.kind() != K::kString) break;
      return Value::Bool(r.AsString().find(l.AsString()) != std::string::npos, span);
    default:
      break;
  }
  return Mismatch("in", l, r, span, rep);
}

}  // namespace

bool HostNames(const Value& v, ValueList& out) {
  switch (v.kind()) {
    case K::kGroup:
      out.insert(out.end(), v.Items().begin(), v.Items().end());
      return true;
    case K::kString:
      out.push_back(v);
      return true;
    case K::kList:
      for (const Value& item : v.Items()) {
        if (item.kind() != K::kString && item.kind() != K::kGroup) return false;
        HostNames(item, out);
      }
      return true;
    default:
      return false;
  }
}

std::optional<Value> Binary(std::string_view op, const Value& l, const Value& r, Span span,
                            Reporter& rep) {
  if (op == "+" || op == "-") return Plus(op, l, r, span, rep);
  if (op == "*") return Times(l, r, span, rep);
  if (op == "/" || op == "%") return Divide(op, l, r, span, rep);
  if (op == "in") return In(l, r, span, rep);
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
    return Compare(op, l, r, span, rep);
  }
  rep.Error(codes::kOperandType, span, fmt::format("unknown operator `{}`", op));
  return std::nullopt;
}

std::optional<Value> Unary(std::string_view op, const Value& v, Span span, Reporter& rep) {
  if (op == "!" && v.kind() == K::kBool) return Value::Bool(!v.AsBool(), span);
  if (op == "-") {
    if (v.kind() == K::kFloat) return Value::Float(-v.AsFloat(), span);
    if (v.kind() == K::kInt || IsQuantity(v)) {
      if (v.AsInt() == INT64_MIN) return Overflow(span, rep);
      return v.kind() == K::kInt ? Value::Int(-v.AsInt(), span)
                                 : Quantity(v.kind(), -v.AsInt(), span);
    }
  }
  rep.Error(codes::kOperandType, span, fmt::format("`{}` does not apply to {}", op, Describe(v)),
            op == "!" ? "`!` needs a bool" : "");
  return std::nullopt;
}

}  // namespace kilter::compiler::arith
