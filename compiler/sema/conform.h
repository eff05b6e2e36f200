#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/hosts.h"
#include "compiler/sema/reporter.h"
#include "compiler/sema/types.h"
#include "compiler/sema/value.h"

namespace kilter::compiler {

/// A field as given in a resource body, an object literal or a `use`.
struct GivenField {
  std::string_view name;  ///< a view into the syntax tree or the object value
  Span name_span;         ///< where the name is written (the value's span when unknown)
  Value value;
  Span value_span;  ///< the expression that gave the value
};

/// The type checker: checks values against types and turns them into their
/// canonical form (a string where a duration is wanted becomes a duration,
/// an int becomes a float, a cidr is written canonically). Knows no
/// resource type by name: everything comes from the types it is given.
class Conformer {
 public:
  Conformer(Reporter& rep, const HostTable& hosts) : rep_(rep), hosts_(hosts) {}

  /// Checks `v` against `t`. `path` names the field in messages
  /// ("health.timeout"); `use` is the expression that gave the value, where
  /// errors point unless the value's own span lies inside it.
  std::optional<Value> Conform(const Value& v, const SemType& t, const std::string& path, Span use);

  /// Checks given fields against `set`: unknown names (with did-you-mean),
  /// each value's type, defaults for the rest, required fields that are
  /// missing (reported at `owner`, naming `owner_what`). `out` gets one
  /// value per field of `set`, in its order (null for an unset optional).
  /// `owner_what` is called only to word an error.
  bool Fields(const FieldSet& set, const std::vector<GivenField>& given, const std::string& prefix,
              Span owner, const std::function<std::string()>& owner_what, std::vector<Value>& out);

  /// The hosts a group, host name or list of them stands for, each checked
  /// against the inventory (E0305 with did-you-mean), as a kGroup value.
  std::optional<Value> Hosts(const Value& v, Span use);

  Reporter& reporter() { return rep_; }

 private:
  std::optional<Value> Mismatch(const Value& v, const SemType& t, const std::string& path, Span use,
                                std::string hint = {});
  std::optional<Value> Quantity(const Value& v, const SemType& t, const std::string& path,
                                Span use);
  /// A secret is accepted where a string (or any value) is, unchecked, at the top level only.
  std::optional<Value> Secret(const Value& v, const SemType& t, const std::string& path, Span use);
  std::optional<Value> Text(const Value& v, const SemType& t, const std::string& path, Span use);
  std::optional<Value> Container(const Value& v, const SemType& t, const std::string& path,
                                 Span use);
  bool Constrain(const Value& v, const SemType& t, const std::string& path, Span use);
  void Report(const char* code, const Value& v, Span use, std::string message,
              std::string hint = {});
  /// Reports at `offset`/`length` inside the string `v` when it is a literal.
  void ReportInString(const char* code, const Value& v, Span use, size_t offset, size_t length,
                      std::string message, std::string hint);

  Reporter& rep_;
  const HostTable& hosts_;
};

}  // namespace kilter::compiler
