#include "compiler/sema/literals.h"

#include <fmt/format.h>

#include <charconv>
#include <string>

#include "compiler/sema/codes.h"
#include "compiler/catalog/net.h"
#include "compiler/catalog/units.h"

namespace kilter::compiler {

bool ParseIntText(std::string_view text, int64_t& out) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  int base = 10;
  std::string_view view = digits;
  if (view.starts_with("0x") || view.starts_with("0X")) {
    base = 16;
    view.remove_prefix(2);
  }
  if (view.empty()) return false;
  auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), out, base);
  return ec == std::errc() && end == view.data() + view.size();
}

bool ParseFloatText(std::string_view text, double& out) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  if (digits.empty()) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size();
}

std::optional<Value> EvalLiteral(const ast::Expr& e, Reporter& rep) {
  using Kind = ast::Expr::Kind;
  switch (e.kind) {
    case Kind::kBool:
      return Value::Bool(e.text == "true", e.span);
    case Kind::kInt: {
      int64_t n = 0;
      if (!ParseIntText(e.text, n)) {
        rep.Error(codes::kBadNumber, e.span,
                  fmt::format("`{}` does not fit in a 64-bit int", e.text));
        return std::nullopt;
      }
      return Value::Int(n, e.span);
    }
    case Kind::kFloat: {
      double d = 0;
      if (!ParseFloatText(e.text, d)) {
        rep.Error(codes::kBadNumber, e.span, fmt::format("`{}` is not a valid float", e.text));
        return std::nullopt;
      }
      return Value::Float(d, e.span);
    }
    case Kind::kSize:
    case Kind::kDuration: {
      bool size = e.kind == Kind::kSize;
      catalog::units::Parsed p = size ? catalog::units::ParseSize(e.text) : catalog::units::ParseDuration(e.text);
      if (!p.error.empty()) {
        rep.Error(codes::kBadNumber, e.span, p.error);
        return std::nullopt;
      }
      return size ? Value::Size(p.value, e.span) : Value::Duration(p.value, e.span);
    }
    case Kind::kIp:
    case Kind::kCidr: {
      bool ip = e.kind == Kind::kIp;
      catalog::net::Parsed p = ip ? catalog::net::ParseIp(e.text) : catalog::net::ParseCidr(e.text);
      if (!p.ok()) {
        rep.Error(codes::kBadAddress, e.span, p.error);
        return std::nullopt;
      }
      return ip ? Value::Ip(std::move(p.canonical), e.span)
                : Value::Cidr(std::move(p.canonical), e.span);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace kilter::compiler
