#include "compiler/sema/types.h"

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/conform.h"

namespace kilter::compiler {

namespace {

using TK = SemType::Kind;

struct NamedType {
  const char* name;
  TK kind;
  const char* expected;
};

const NamedType kNamedTypes[] = {
    {"bool", TK::kBool, "a bool (true or false)"},
    {"int", TK::kInt, "an int"},
    {"float", TK::kFloat, "a number"},
    {"string", TK::kString, "a string"},
    {"size", TK::kSize, "a size like 128MiB"},
    {"duration", TK::kDuration, "a duration like 30s"},
    {"ip", TK::kIp, "an ip address like 10.0.0.1"},
    {"cidr", TK::kCidr, "a network like 10.0.0.0/8"},
    {"port", TK::kPort, "a port (0..65535)"},
    {"cron", TK::kCron, "a cron expression like \"30 2 * * *\""},
    {"group", TK::kGroup, "hosts (a group, a host name, or a list of them)"},
    {"range", TK::kRange, "a range like 8000..8100"},
    {"any", TK::kAny, "any value"},
};

TypeRef AnyType(Span span) {
  auto t = std::make_shared<SemType>();
  t->span = span;
  return t;
}

/// `in a..b` or `in [a, b]`: evaluated once, when the type is built.
void BuildConstraint(const ast::Expr& expr, SemType& t, Evaluator& ev, Scope& scope) {
  std::optional<Value> c = ev.Eval(expr, scope);
  if (!c) return;
  if (c->kind() == Value::Kind::kRange) {
    t.min = c->Items()[0];
    t.max = c->Items()[1];
  } else if (c->kind() == Value::Kind::kList) {
    t.allowed = c->Items();
  } else {
    ev.reporter().Error(
        codes::kBadSchema, expr.span,
        fmt::format("a constraint is a range `a..b` or a list `[a, b]`, got {}", Describe(*c)));
  }
}

/// An object whose fields all have defaults needs no value of its own: its
/// default is the object of its fields' defaults. (One with an optional field
/// and no default stays required: `source: { mysql: string? paths: [string]? }`
/// means "one of these", not "nothing".)
std::optional<Value> ObjectDefault(const FieldSet& set, Span span) {
  ValueFields fields;
  for (const SemField& f : set.fields) {
    if (!f.default_value) return std::nullopt;
    fields.emplace_back(f.name, *f.default_value);
  }
  return Value::Object(std::move(fields), span);
}

}  // namespace

const SemField* FieldSet::Find(std::string_view name) const {
  auto it = index.find(name);
  return it == index.end() ? nullptr : &fields[it->second];
}

std::vector<std::string> FieldSet::Names() const {
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (const SemField& f : fields) names.push_back(f.name);
  return names;
}

std::string SemType::Name() const {
  switch (kind) {
    case TK::kList:
      return "list[" + element->Name() + "]";
    case TK::kMap:
      return "map[" + element->Name() + "]";
    case TK::kObject:
      return "object";
    case TK::kEnum:
      return "enum";
    default:
      for (const NamedType& n : kNamedTypes) {
        if (n.kind == kind) return n.name;
      }
      return "any";
  }
}

std::string SemType::Expected() const {
  switch (kind) {
    case TK::kList:
      return "a list of " + element->Name();
    case TK::kMap:
      return "an object of " + element->Name() + " values";
    case TK::kObject:
      return "an object { ... }";
    case TK::kEnum: {
      std::string out = enum_values.size() == 1 ? "" : "one of ";
      for (size_t i = 0; i < enum_values.size(); ++i) {
        out += fmt::format("{}\"{}\"", i ? ", " : "", enum_values[i]);
      }
      return out;
    }
    default:
      for (const NamedType& n : kNamedTypes) {
        if (n.kind == kind) return n.expected;
      }
      return "any value";
  }
}

std::vector<std::string> NamedTypes() {
  std::vector<std::string> names;
  for (const NamedType& n : kNamedTypes) names.push_back(n.name);
  return names;
}

TypeRef BuildType(const ast::Type* type, Evaluator& ev, Scope& scope, Conformer& conform) {
  if (!type) return AnyType({});
  auto t = std::make_shared<SemType>();
  t->span = type->span;
  t->optional = type->optional;
  switch (type->kind) {
    case ast::Type::Kind::kNamed: {
      const NamedType* found = nullptr;
      for (const NamedType& n : kNamedTypes) {
        if (type->name == n.name) found = &n;
      }
      if (!found) {
        ev.reporter().Error(codes::kUnknownType, type->span,
                            fmt::format("unknown type `{}`", type->name),
                            DidYouMean(type->name, NamedTypes()));
        break;
      }
      t->kind = found->kind;
      break;
    }
    case ast::Type::Kind::kList:
    case ast::Type::Kind::kMap:
      t->kind = type->kind == ast::Type::Kind::kList ? TK::kList : TK::kMap;
      t->element = BuildType(type->element.get(), ev, scope, conform);
      break;
    case ast::Type::Kind::kObject:
      t->kind = TK::kObject;
      t->object = BuildFields(type->fields, ev, scope, conform);
      break;
    case ast::Type::Kind::kEnum:
      t->kind = TK::kEnum;
      t->enum_values = type->enum_values;
      break;
  }
  if (type->constraint) BuildConstraint(*type->constraint, *t, ev, scope);
  return t;
}

std::shared_ptr<FieldSet> BuildFields(const std::vector<ast::FieldDecl>& decls, Evaluator& ev,
                                      Scope& scope, Conformer& conform) {
  auto set = std::make_shared<FieldSet>();
  set->fields.reserve(decls.size());
  for (const ast::FieldDecl& d : decls) {
    if (set->index.count(d.name)) {
      ev.reporter().Error(codes::kNameClash, d.name_span,
                          fmt::format("`{}` is declared twice", d.name), "",
                          {{set->Find(d.name)->span, "first declared here"}});
      continue;
    }
    SemField f;
    f.name = d.name;
    f.span = d.name_span;
    f.type = BuildType(d.type.get(), ev, scope, conform);
    f.doc = d.doc;
    f.sensitive = d.sensitive;
    if (d.default_value) {
      std::optional<Value> v = ev.Eval(*d.default_value, scope);
      if (v) v = conform.Conform(*v, *f.type, d.name, d.default_value->span);
      f.default_value = v;
    } else if (f.type->kind == TK::kObject && !f.type->optional) {
      f.default_value = ObjectDefault(*f.type->object, d.name_span);
    }
    set->index.emplace(f.name, set->fields.size());
    set->fields.push_back(std::move(f));
  }
  return set;
}

}  // namespace kilter::compiler
