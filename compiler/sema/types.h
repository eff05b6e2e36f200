#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/sema/eval.h"
#include "compiler/sema/value.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

struct SemType;
using TypeRef = std::shared_ptr<const SemType>;

/// A field of a schema, of an object type, or a module parameter, ready for
/// checking: its default is already evaluated and checked against its type.
struct SemField {
  std::string name;
  Span span;
  TypeRef type;
  std::optional<Value> default_value;
  std::string doc;
  bool sensitive = false;
};

/// Hashes std::string and std::string_view alike, so maps keyed by string
/// can be searched with a view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

/// An ordered set of fields with lookup by name.
struct FieldSet {
  std::vector<SemField> fields;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index;

  const SemField* Find(std::string_view name) const;
  std::vector<std::string> Names() const;
};

/// A type as the checker uses it (built from ast::Type).
struct SemType {
  enum class Kind {
    kAny,
    kBool,
    kInt,
    kFloat,
    kString,
    kSize,
    kDuration,
    kIp,
    kCidr,
    kPort,
    kCron,
    kGroup,
    kRange,
    kList,
    kMap,
    kObject,
    kEnum,
  };

  Kind kind = Kind::kAny;
  Span span;
  bool optional = false;
  TypeRef element;                         ///< kList, kMap, kRange
  std::shared_ptr<const FieldSet> object;  ///< kObject
  std::vector<std::string> enum_values;    ///< kEnum
  std::optional<Value> min, max;           ///< `in a..b` (for strings and lists: the length)
  std::vector<Value> allowed;              ///< `in [a, b]`

  /// The type as the catalog's field_types and messages name it: "size",
  /// "list[string]", "map[int]", "object", "enum".
  std::string Name() const;
  /// What a value of this type looks like, for "expected ..." messages:
  /// "a size like 128MiB", "one of \"off\", \"tracing\"".
  std::string Expected() const;
};

/// The named types a schema, param or module parameter may use.
std::vector<std::string> NamedTypes();

/// Builds the checked form of a written type. Constraints are evaluated in
/// `scope`; object field defaults are evaluated and checked. Problems
/// (unknown type name E0201, a bad constraint or default E0210) are reported;
/// the result is then kAny so that checking goes on.
TypeRef BuildType(const ast::Type* type, Evaluator& ev, Scope& scope, class Conformer& conform);

/// Builds the fields of a schema, an object type or a module's parameters.
std::shared_ptr<FieldSet> BuildFields(const std::vector<ast::FieldDecl>& decls, Evaluator& ev,
                                      Scope& scope, Conformer& conform);

}  // namespace kilter::compiler
