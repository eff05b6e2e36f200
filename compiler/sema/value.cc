#include "compiler/sema/value.h"

#include <fmt/format.h>

#include <cmath>

#include "compiler/catalog/units.h"
#include "compiler/sema/catalog_value.h"

namespace kilter::compiler {

namespace {

const ValueList kNoItems;
const ValueFields kNoFields;

}  // namespace

Value Value::Null(Span span) {
  Value v;
  v.span_ = span;
  return v;
}

Value Value::Bool(bool b, Span span) {
  Value v;
  v.kind_ = Kind::kBool;
  v.int_ = b ? 1 : 0;
  v.span_ = span;
  return v;
}

Value Value::Int(int64_t i, Span span) {
  Value v;
  v.kind_ = Kind::kInt;
  v.int_ = i;
  v.span_ = span;
  return v;
}

Value Value::Float(double f, Span span) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.float_ = f;
  v.span_ = span;
  return v;
}

Value Value::String(std::string s, Span span) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(s);
  v.span_ = span;
  return v;
}

Value Value::Size(int64_t bytes, Span span) {
  Value v = Int(bytes, span);
  v.kind_ = Kind::kSize;
  return v;
}

Value Value::Duration(int64_t ms, Span span) {
  Value v = Int(ms, span);
  v.kind_ = Kind::kDuration;
  return v;
}

Value Value::Ip(std::string canonical, Span span) {
  Value v = String(std::move(canonical), span);
  v.kind_ = Kind::kIp;
  return v;
}

Value Value::Cidr(std::string canonical, Span span) {
  Value v = String(std::move(canonical), span);
  v.kind_ = Kind::kCidr;
  return v;
}

Value Value::Range(Value from, Value to, Span span) {
  Value v = List({std::move(from), std::move(to)}, span);
  v.kind_ = Kind::kRange;
  return v;
}

Value Value::List(ValueList items, Span span) {
  Value v;
  v.kind_ = Kind::kList;
  v.compound_ = std::make_shared<const Compound>(Compound{std::move(items), {}});
  v.span_ = span;
  return v;
}

Value Value::Object(ValueFields fields, Span span) {
  Value v;
  v.kind_ = Kind::kObject;
  v.compound_ = std::make_shared<const Compound>(Compound{{}, std::move(fields)});
  v.span_ = span;
  return v;
}

Value Value::Group(ValueList hosts, Span span) {
  Value v = List(std::move(hosts), span);
  v.kind_ = Kind::kGroup;
  return v;
}

Value Value::Secret(ValueList parts, Span span) {
  Value v = List(std::move(parts), span);
  v.kind_ = Kind::kSecret;
  return v;
}

Value Value::SecretRef(const std::string& source, std::string name, Span span) {
  return Object({{source, String(std::move(name), span)}}, span);
}

Value Value::At(Span span) const {
  Value v = *this;
  v.span_ = span;
  return v;
}

const ValueList& Value::Items() const { return compound_ ? compound_->items : kNoItems; }

const ValueFields& Value::Fields() const { return compound_ ? compound_->fields : kNoFields; }

const Value* Value::Find(const std::string& key) const {
  for (const auto& [k, v] : Fields()) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool Equal(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number() && a.kind() != b.kind()) {
    double x = a.kind() == Value::Kind::kInt ? static_cast<double>(a.AsInt()) : a.AsFloat();
    double y = b.kind() == Value::Kind::kInt ? static_cast<double>(b.AsInt()) : b.AsFloat();
    return x == y;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
    case Value::Kind::kInt:
    case Value::Kind::kSize:
    case Value::Kind::kDuration:
      return a.AsInt() == b.AsInt();
    case Value::Kind::kFloat:
      return a.AsFloat() == b.AsFloat();
    case Value::Kind::kString:
    case Value::Kind::kIp:
    case Value::Kind::kCidr:
      return a.AsString() == b.AsString();
    case Value::Kind::kRange:
    case Value::Kind::kList:
    case Value::Kind::kGroup:
    case Value::Kind::kSecret: {
      const ValueList& x = a.Items();
      const ValueList& y = b.Items();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!Equal(x[i], y[i])) return false;
      }
      return true;
    }
    case Value::Kind::kObject: {
      if (a.Fields().size() != b.Fields().size()) return false;
      for (const auto& [k, v] : a.Fields()) {
        const Value* other = b.Find(k);
        if (!other || !Equal(v, *other)) return false;
      }
      return true;
    }
  }
  return false;
}

namespace {

/// The kind with its article, for messages: "a size", "an int".
std::string KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull:
      return "nothing (the field is not set)";
    case Value::Kind::kBool:
      return "a bool";
    case Value::Kind::kInt:
      return "an int";
    case Value::Kind::kFloat:
      return "a float";
    case Value::Kind::kString:
      return "a string";
    case Value::Kind::kSize:
      return "a size";
    case Value::Kind::kDuration:
      return "a duration";
    case Value::Kind::kIp:
      return "an ip address";
    case Value::Kind::kCidr:
      return "a cidr network";
    case Value::Kind::kRange:
      return "a range";
    case Value::Kind::kList:
      return "a list";
    case Value::Kind::kObject:
      return "an object";
    case Value::Kind::kGroup:
      return "a group of hosts";
    case Value::Kind::kSecret:
      return "a secret";
  }
  return "a value";
}

}  // namespace

std::string Show(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return v.AsBool() ? "true" : "false";
    case Value::Kind::kInt:
      return std::to_string(v.AsInt());
    case Value::Kind::kFloat: {
      std::string s = fmt::format("{}", v.AsFloat());
      if (std::isfinite(v.AsFloat()) && s.find_first_of(".e") == std::string::npos) s += ".0";
      return s;
    }
    case Value::Kind::kString:
      return fmt::format("\"{}\"", v.AsString());
    case Value::Kind::kSize:
      return catalog::units::FormatSize(v.AsInt());
    case Value::Kind::kDuration:
      return catalog::units::FormatDuration(v.AsInt());
    case Value::Kind::kIp:
    case Value::Kind::kCidr:
      return v.AsString();
    case Value::Kind::kRange:
      return Show(v.Items()[0]) + ".." + Show(v.Items()[1]);
    case Value::Kind::kList:
    case Value::Kind::kGroup: {
      std::string out = "[";
      for (size_t i = 0; i < v.Items().size(); ++i) {
        if (i) out += ", ";
        if (i == 8) return out + "...]";
        out += Show(v.Items()[i]);
      }
      return out + "]";
    }
    case Value::Kind::kObject: {
      std::string out = "{";
      for (size_t i = 0; i < v.Fields().size(); ++i) {
        out += i ? ", " : " ";
        if (i == 8) return out + "... }";
        out += v.Fields()[i].first + " = " + Show(v.Fields()[i].second);
      }
      return out + " }";
    }
    case Value::Kind::kSecret:
      return ToCatalogSecret(v).Describe();
  }
  return "?";
}

std::string Describe(const Value& v) {
  if (v.kind() == Value::Kind::kNull) return KindName(v.kind());
  std::string shown = Show(v);
  if (shown.size() > 40) return KindName(v.kind());
  return fmt::format("{} ({})", KindName(v.kind()), shown);
}

bool ToText(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kString:
      out = v.AsString();
      return true;
    case Value::Kind::kNull:
    case Value::Kind::kList:
    case Value::Kind::kObject:
    case Value::Kind::kGroup:
    case Value::Kind::kSecret:
      return false;
    default:
      out = Show(v);
      return true;
  }
}

}  // namespace kilter::compiler
