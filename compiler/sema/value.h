#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/base/source.h"

namespace kilter::compiler {

class Value;
using ValueList = std::vector<Value>;
using ValueFields = std::vector<std::pair<std::string, Value>>;

/// A value computed by the evaluator. Cheap to copy: lists and objects are
/// shared and never changed after they are built. Each value remembers the
/// span of the expression that made it, so a later check (an unknown host in
/// a list built far away) can point at the spot.
class Value {
 public:
  enum class Kind : uint8_t {
    kNull,  ///< an optional field that is not set
    kBool,
    kInt,
    kFloat,
    kString,
    kSize,      ///< bytes
    kDuration,  ///< milliseconds
    kIp,        ///< canonical text
    kCidr,      ///< canonical text
    kRange,     ///< items: [from, to]
    kList,
    kObject,
    kGroup,   ///< items: host names (strings), no duplicates
    kSecret,  ///< items: parts, literal text (string) or { env = NAME } / { file = PATH }
  };

  Value() = default;
  static Value Null(Span span = {});
  static Value Bool(bool b, Span span = {});
  static Value Int(int64_t i, Span span = {});
  static Value Float(double f, Span span = {});
  static Value String(std::string s, Span span = {});
  static Value Size(int64_t bytes, Span span = {});
  static Value Duration(int64_t ms, Span span = {});
  static Value Ip(std::string canonical, Span span = {});
  static Value Cidr(std::string canonical, Span span = {});
  static Value Range(Value from, Value to, Span span = {});
  static Value List(ValueList items, Span span = {});
  static Value Object(ValueFields fields, Span span = {});
  static Value Group(ValueList hosts, Span span = {});
  /// A string resolved on the controller at plan and apply, never known to
  /// the compiler (docs/secrets.md): `parts` as for Kind::kSecret.
  static Value Secret(ValueList parts, Span span = {});
  /// The reference part of a secret: `source` is "env" or "file".
  static Value SecretRef(const std::string& source, std::string name, Span span = {});

  Kind kind() const { return kind_; }
  const Span& span() const { return span_; }
  /// The same value pointing at another span.
  Value At(Span span) const;
  void set_span(Span span) { span_ = span; }

  bool AsBool() const { return int_ != 0; }
  /// The int, size (bytes) or duration (ms).
  int64_t AsInt() const { return int_; }
  double AsFloat() const { return float_; }
  /// The string, ip or cidr text.
  const std::string& AsString() const { return text_; }
  /// Items of a list, group or range; the parts of a secret.
  const ValueList& Items() const;
  const ValueFields& Fields() const;
  /// The field named `key` of an object, or null.
  const Value* Find(const std::string& key) const;

  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }

 private:
  /// The items of a list, group or range, or the fields of an object.
  struct Compound {
    ValueList items;
    ValueFields fields;
  };

  Kind kind_ = Kind::kNull;
  Span span_;
  union {
    int64_t int_ = 0;
    double float_;
  };
  std::string text_;
  std::shared_ptr<const Compound> compound_;
};

/// Deep equality; an int and a float compare by number.
bool Equal(const Value& a, const Value& b);

/// The value as a person would write it: `256MiB`, `"text"`, `[1, 2]`.
std::string Show(const Value& v);

/// "a duration (5s)": kind and value, for "expected X, got Y" messages.
std::string Describe(const Value& v);

/// Text for `${}` interpolation: strings without quotes, other scalars as
/// Show writes them. False for lists, objects, groups and null.
bool ToText(const Value& v, std::string& out);

}  // namespace kilter::compiler
