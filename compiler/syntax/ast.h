#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/base/source.h"

/// The syntax tree of one .kilt file, as written: no names resolved, no values
/// computed. Produced by Parse (parser.h), read by the evaluator and by Format
/// (printer.h). Every node carries the span it was parsed from.
namespace kilter::compiler::ast {

struct Expr;
struct Type;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using TypePtr = std::unique_ptr<Type>;
using Block = std::vector<Stmt>;

/// A piece of a string literal: literal text, or a `${expr}` interpolation.
struct StringPart {
  std::string text;  ///< unescaped literal text when `expr` is null
  ExprPtr expr;
};

/// `key = value` inside an object literal `{ ... }`.
struct ObjectField {
  Span span;
  std::string key;
  Span key_span;
  ExprPtr value;
};

struct Expr {
  enum class Kind {
    kBool,      ///< text: "true" | "false"
    kInt,       ///< text: digits as written
    kFloat,     ///< text: as written
    kString,    ///< parts: adjacent literal text merged into one part; "" has none
    kSize,      ///< text: as written, e.g. "256MiB"
    kDuration,  ///< text: as written, e.g. "250ms"
    kIp,        ///< text: "10.0.0.1"
    kCidr,      ///< text: "10.0.0.0/8"
    kIdent,     ///< text: the name
    kList,      ///< operands: the items
    kObject,    ///< fields
    kIndex,     ///< operands: [target, index]            a[b]
    kMember,    ///< operands: [target]; text: the member  a.b
    kUnary,     ///< text: "!" | "-"; operands: [operand]
    kBinary,    ///< text: the operator; operands: [lhs, rhs]
    kTernary,   ///< operands: [cond, then, else]
    kRange,     ///< operands: [from, to]                  a..b
    kCall,      ///< text: the function name; operands: the arguments
  };

  Kind kind;
  Span span;
  std::string text;
  std::vector<StringPart> parts;
  std::vector<ExprPtr> operands;
  std::vector<ObjectField> fields;
  bool parenthesized = false;  ///< written inside ( ): kept by fmt, no effect on the value
};

/// A field of a schema or of an object type:
/// `name: type = default "doc"`, optionally `sensitive`.
struct FieldDecl {
  Span span;
  std::string name;
  Span name_span;
  TypePtr type;
  ExprPtr default_value;  ///< null: the field is required (unless the type is optional)
  std::string doc;
  bool sensitive = false;
};

/// A type as written in a schema, a param or a module parameter.
struct Type {
  enum class Kind {
    kNamed,   ///< name: bool int float string size duration ip cidr port cron group
    kList,    ///< [element]
    kMap,     ///< map[element]: an object with string keys chosen by the user
    kObject,  ///< { field: type = default ... } with fixed keys
    kEnum,    ///< "a" | "b" | "c"
  };

  Kind kind;
  Span span;
  std::string name;
  ExprPtr constraint;  ///< `in 8MiB..16GiB` (a kRange or kList expr), or null
  TypePtr element;
  std::vector<FieldDecl> fields;
  std::vector<std::string> enum_values;
  bool optional = false;  ///< `type?`: the field may be absent
};

/// `import "path"`.
struct Import {
  Span span;
  std::string path;
  Span path_span;
};

/// `param name: type = default`.
struct Param {
  Span span;
  std::string name;
  Span name_span;
  TypePtr type;
  ExprPtr default_value;
};

/// `let name = value`.
struct Let {
  Span span;
  std::string name;
  Span name_span;
  ExprPtr value;
};

/// `group name = hosts`.
struct Group {
  Span span;
  std::string name;
  Span name_span;
  ExprPtr hosts;
};

/// `name = value` inside a resource body.
struct Field {
  Span span;
  std::string name;
  Span name_span;
  ExprPtr value;
};

/// `TYPE "NAME" on TARGET { fields }`.
struct Resource {
  Span span;
  std::string type;  ///< dotted, e.g. "php.opcache"
  Span type_span;
  ExprPtr name;
  ExprPtr target;
  std::vector<Field> fields;
};

/// `for var in iterable { body }`.
struct For {
  Span span;
  std::string var;
  Span var_span;
  ExprPtr iterable;
  Block body;
};

/// `if cond { then } else { else }`; `else if` is an If alone in else_body
/// with else_if set (on that inner If), so the printer writes it back the
/// same way.
struct If {
  Span span;
  ExprPtr cond;
  Block then_body;
  Block else_body;
  bool else_if = false;
};

/// `module name(params) { body }`.
struct Module {
  Span span;
  std::string name;
  Span name_span;
  std::vector<FieldDecl> params;
  Block body;
};

/// `name = value` in a `use` argument list.
struct Arg {
  Span span;
  std::string name;
  Span name_span;
  ExprPtr value;
};

/// `use module "instance" (args)`.
struct Use {
  Span span;
  std::string module;
  Span module_span;
  ExprPtr instance;
  std::vector<Arg> args;
};

/// A line of a schema that is not a field: `assert cond : "message"` (an
/// error when cond is false), `warn cond : "message"` (a lint when cond is
/// true), or `memory size : "what"` (the memory a resource of the type lets
/// its process take on its host, for the host's memory budget).
struct Check {
  enum class Kind { kAssert, kWarn, kMemory };
  Span span;
  Kind kind = Kind::kAssert;
  ExprPtr cond;  ///< the condition, or the size of a `memory` line
  ExprPtr message;
};

/// The word a schema line of `kind` starts with.
inline std::string CheckWord(Check::Kind kind) {
  switch (kind) {
    case Check::Kind::kWarn: return "warn";
    case Check::Kind::kMemory: return "memory";
    case Check::Kind::kAssert: break;
  }
  return "assert";
}

/// `schema TYPE { "doc" fields checks }` (stdlib only), or
/// `schema TYPE host_wide { ... }` when each field is a setting of the whole
/// host: resources of the type on one host must then agree on every field
/// they both set (php.opcache directives live once per PHP installation).
struct Schema {
  Span span;
  std::string type;
  Span type_span;
  bool host_wide = false;
  /// `settings NAME { ... }`: the settings of provider NAME in kilter.toml, not a resource type.
  bool settings = false;
  std::string doc;
  std::vector<FieldDecl> fields;
  std::vector<Check> checks;
};

struct Stmt {
  std::variant<Import, Param, Let, Group, Resource, For, If, Module, Use, Schema> node;
};

/// A `# comment`, kept so `kilter fmt` can put it back.
struct Comment {
  Span span;
  std::string text;  ///< including the '#'
};

/// One parsed file.
struct File {
  const SourceFile* source = nullptr;
  Block body;
  std::vector<Comment> comments;  ///< in source order
};

}  // namespace kilter::compiler::ast
