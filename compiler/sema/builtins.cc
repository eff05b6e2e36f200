#include "compiler/sema/builtins.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/arith.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

using K = Value::Kind;
using Args = std::vector<Value>;

/// What a built-in gets: its arguments, where the call is, and where to report.
struct Call {
  const ast::Expr& expr;
  const Args& args;
  Reporter& rep;

  std::optional<Value> Fail(std::string message) const {
    rep.Error(codes::kBadCall, expr.span, fmt::format("{}(): {}", expr.text, message));
    return std::nullopt;
  }
};

std::optional<Value> Len(const Call& c) {
  const Value& v = c.args[0];
  switch (v.kind()) {
    case K::kString:
      return Value::Int(static_cast<int64_t>(v.AsString().size()), c.expr.span);
    case K::kList:
    case K::kGroup:
      return Value::Int(static_cast<int64_t>(v.Items().size()), c.expr.span);
    case K::kObject:
      return Value::Int(static_cast<int64_t>(v.Fields().size()), c.expr.span);
    default:
      return c.Fail(fmt::format("expected a string, list, group or object, got {}", Describe(v)));
  }
}

std::optional<Value> Contains(const Call& c) {
  return arith::Binary("in", c.args[1], c.args[0], c.expr.span, c.rep);
}

std::optional<Value> Keys(const Call& c) {
  if (c.args[0].kind() != K::kObject) {
    return c.Fail(fmt::format("expected an object, got {}", Describe(c.args[0])));
  }
  ValueList keys;
  for (const auto& [k, v] : c.args[0].Fields()) keys.push_back(Value::String(k, c.expr.span));
  return Value::List(std::move(keys), c.expr.span);
}

std::optional<Value> Extreme(const Call& c, bool want_max) {
  const Args* items = &c.args;
  if (c.args.size() == 1 && c.args[0].kind() == K::kList) items = &c.args[0].Items();
  if (items->empty()) return c.Fail("needs at least one value");
  Value best = (*items)[0];
  for (size_t i = 1; i < items->size(); ++i) {
    std::optional<Value> less = arith::Binary("<", (*items)[i], best, c.expr.span, c.rep);
    if (!less) return std::nullopt;
    if (less->AsBool() != want_max) best = (*items)[i];
  }
  return best.At(c.expr.span);
}

std::optional<Value> Case(const Call& c, bool upper) {
  if (c.args[0].kind() != K::kString) {
    return c.Fail(fmt::format("expected a string, got {}", Describe(c.args[0])));
  }
  std::string s = c.args[0].AsString();
  for (char& ch : s) {
    if (upper && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (!upper && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return Value::String(std::move(s), c.expr.span);
}

std::optional<Value> Join(const Call& c) {
  const Value& list = c.args[0];
  const Value& sep = c.args[1];
  if ((list.kind() != K::kList && list.kind() != K::kGroup) || sep.kind() != K::kString) {
    return c.Fail(fmt::format("expected a list and a separator string, got {} and {}",
                              Describe(list), Describe(sep)));
  }
  std::string out;
  for (size_t i = 0; i < list.Items().size(); ++i) {
    std::string text;
    if (!ToText(list.Items()[i], text)) {
      return c.Fail(fmt::format("cannot join {}", Describe(list.Items()[i])));
    }
    if (i) out += sep.AsString();
    out += text;
  }
  return Value::String(std::move(out), c.expr.span);
}

std::optional<Value> Matches(const Call& c) {
  const Value& s = c.args[0];
  const Value& pattern = c.args[1];
  if (s.kind() != K::kString || pattern.kind() != K::kString) {
    return c.Fail(fmt::format("expected a string and a pattern string, got {} and {}", Describe(s),
                              Describe(pattern)));
  }
  // Patterns are few (written in schemas) and checked against many values:
  // compile each once.
  static std::map<std::string, std::unique_ptr<std::regex>> cache;
  auto it = cache.find(pattern.AsString());
  if (it == cache.end()) {
    std::unique_ptr<std::regex> re;
    try {
      re = std::make_unique<std::regex>(pattern.AsString(), std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return c.Fail(fmt::format("`{}` is not a valid pattern: {}", pattern.AsString(), e.what()));
    }
    it = cache.emplace(pattern.AsString(), std::move(re)).first;
  }
  return Value::Bool(std::regex_match(s.AsString(), *it->second), c.expr.span);
}

/// pluck(list, "field"): the value of `field` in each object of the list,
/// in order (null where an object lacks it).
std::optional<Value> Pluck(const Call& c) {
  const Value& list = c.args[0];
  if (list.kind() != K::kList || c.args[1].kind() != K::kString) {
    return c.Fail(fmt::format("expected a list of objects and a field name, got {} and {}",
                              Describe(list), Describe(c.args[1])));
  }
  ValueList values;
  for (const Value& item : list.Items()) {
    if (item.kind() != K::kObject) return c.Fail(fmt::format("{} is not an object", Describe(item)));
    const Value* v = item.Find(c.args[1].AsString());
    values.push_back(v ? *v : Value::Null(c.expr.span));
  }
  return Value::List(std::move(values), c.expr.span);
}

/// distinct(list): the items, each once, in the order first seen.
std::optional<Value> Distinct(const Call& c) {
  if (c.args[0].kind() != K::kList) {
    return c.Fail(fmt::format("expected a list, got {}", Describe(c.args[0])));
  }
  ValueList out;
  for (const Value& item : c.args[0].Items()) {
    bool seen = std::any_of(out.begin(), out.end(), [&](const Value& v) { return Equal(v, item); });
    if (!seen) out.push_back(item);
  }
  return Value::List(std::move(out), c.expr.span);
}

/// select(list, { k = v, ... }): the objects of the list whose fields hold
/// every value given, in order.
std::optional<Value> Select(const Call& c) {
  const Value& list = c.args[0];
  const Value& where = c.args[1];
  if (list.kind() != K::kList || where.kind() != K::kObject) {
    return c.Fail(fmt::format("expected a list of objects and an object of wanted fields, got {} "
                              "and {}",
                              Describe(list), Describe(where)));
  }
  ValueList out;
  for (const Value& item : list.Items()) {
    if (item.kind() != K::kObject) return c.Fail(fmt::format("{} is not an object", Describe(item)));
    bool all = std::all_of(where.Fields().begin(), where.Fields().end(), [&](const auto& field) {
      const Value* v = item.Find(field.first);
      return v && Equal(*v, field.second);
    });
    if (all) out.push_back(item);
  }
  return Value::List(std::move(out), c.expr.span);
}

/// The one string argument of env() and file(): a plain string, since the
/// reference itself must be known at compile time.
const std::string* Reference(const Call& c) {
  if (c.args[0].kind() == K::kString && !c.args[0].AsString().empty()) {
    return &c.args[0].AsString();
  }
  c.Fail(fmt::format("expected a non-empty string, got {}", Describe(c.args[0])));
  return nullptr;
}

/// env("NAME"): a secret read from the controller's environment at plan and
/// apply (docs/secrets.md); the compiler never reads it.
std::optional<Value> Env(const Call& c) {
  const std::string* name = Reference(c);
  if (!name) return std::nullopt;
  static const std::regex kName("[A-Za-z_][A-Za-z0-9_]*");
  if (!std::regex_match(*name, kName)) {
    return c.Fail(
        fmt::format("`{}` is not an environment variable name (letters, digits and _, "
                    "not starting with a digit)",
                    *name));
  }
  return Value::Secret({Value::SecretRef("env", *name, c.expr.span)}, c.expr.span);
}

/// file("PATH"): a secret read from a file on the controller at plan and
/// apply, PATH relative to the spec that names it, like an import.
std::optional<Value> File(const Call& c) {
  const std::string* path = Reference(c);
  if (!path) return std::nullopt;
  namespace fs = std::filesystem;
  std::string resolved =
      fs::path(*path).is_absolute()
          ? *path
          : (fs::path(c.expr.span.file->path()).parent_path() / *path).lexically_normal().string();
  return Value::Secret({Value::SecretRef("file", resolved, c.expr.span)}, c.expr.span);
}

struct Builtin {
  const char* name;
  size_t min_args;
  size_t max_args;
  const char* usage;
  std::optional<Value> (*fn)(const Call&);
};

const Builtin kBuiltins[] = {
    {"len", 1, 1, "len(value)", Len},
    {"contains", 2, 2, "contains(collection, item)", Contains},
    {"keys", 1, 1, "keys(object)", Keys},
    {"min", 1, 64, "min(a, b, ...) or min(list)", [](const Call& c) { return Extreme(c, false); }},
    {"max", 1, 64, "max(a, b, ...) or max(list)", [](const Call& c) { return Extreme(c, true); }},
    {"lower", 1, 1, "lower(string)", [](const Call& c) { return Case(c, false); }},
    {"upper", 1, 1, "upper(string)", [](const Call& c) { return Case(c, true); }},
    {"join", 2, 2, "join(list, separator)", Join},
    {"matches", 2, 2, "matches(string, pattern)", Matches},
    {"pluck", 2, 2, "pluck(list, \"field\")", Pluck},
    {"distinct", 1, 1, "distinct(list)", Distinct},
    {"select", 2, 2, "select(list, { field = value })", Select},
    {"env", 1, 1, "env(\"NAME\")", Env},
    {"file", 1, 1, "file(\"PATH\")", File},
};

}  // namespace

std::vector<std::string> BuiltinNames() {
  std::vector<std::string> names;
  for (const Builtin& b : kBuiltins) names.push_back(b.name);
  return names;
}

std::optional<Value> CallBuiltin(const ast::Expr& call, const std::vector<Value>& args,
                                 Reporter& rep) {
  for (const Builtin& b : kBuiltins) {
    if (call.text != b.name) continue;
    if (args.size() < b.min_args || args.size() > b.max_args) {
      rep.Error(codes::kBadCall, call.span,
                fmt::format("{}() takes {} argument{}, got {}", b.name,
                            b.min_args == b.max_args ? std::to_string(b.min_args)
                                                     : fmt::format("{} or more", b.min_args),
                            b.max_args == 1 ? "" : "s", args.size()),
                fmt::format("call it as {}", b.usage));
      return std::nullopt;
    }
    return b.fn(Call{call, args, rep});
  }
  rep.Error(codes::kBadCall, call.span, fmt::format("unknown function `{}`", call.text),
            DidYouMean(call.text, BuiltinNames()));
  return std::nullopt;
}

}  // namespace kilter::compiler
