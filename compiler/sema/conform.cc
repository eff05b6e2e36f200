#include "compiler/sema/conform.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "compiler/base/spellcheck.h"
#include "compiler/catalog/cron.h"
#include "compiler/sema/arith.h"
#include "compiler/sema/codes.h"
#include "compiler/catalog/net.h"
#include "compiler/catalog/units.h"

namespace kilter::compiler {

namespace {

using K = Value::Kind;
using TK = SemType::Kind;

std::string Subject(const std::string& path) {
  return path.empty() ? std::string() : fmt::format("`{}`: ", path);
}

int64_t Length(const Value& v) {
  switch (v.kind()) {
    case K::kString:
      return static_cast<int64_t>(v.AsString().size());
    case K::kObject:
      return static_cast<int64_t>(v.Fields().size());
    default:
      return static_cast<int64_t>(v.Items().size());
  }
}

bool Less(const Value& a, const Value& b) {
  if (a.kind() == K::kFloat || b.kind() == K::kFloat) {
    auto num = [](const Value& v) {
      return v.kind() == K::kFloat ? v.AsFloat() : static_cast<double>(v.AsInt());
    };
    return num(a) < num(b);
  }
  return a.AsInt() < b.AsInt();
}

}  // namespace

void Conformer::Report(const char* code, const Value& v, Span use, std::string message,
                       std::string hint) {
  if (!v.span().valid() || Within(v.span(), use) || !use.valid()) {
    rep_.Error(code, v.span().valid() ? v.span() : use, std::move(message), std::move(hint));
    return;
  }
  rep_.Error(code, use, std::move(message), std::move(hint),
             {{v.span(), "the value comes from here"}});
}

void Conformer::ReportInString(const char* code, const Value& v, Span use, size_t offset,
                               size_t length, std::string message, std::string hint) {
  // Point inside the literal when the value is a plain string literal
  // written right here (no escapes or interpolation shift the offsets).
  const Span& s = v.span();
  if (Within(s, use) && s.end - s.begin == v.AsString().size() + 2 &&
      s.file->text()[s.begin] == '"') {
    Span inner{s.file, static_cast<uint32_t>(s.begin + 1 + offset),
               static_cast<uint32_t>(s.begin + 1 + offset + std::max<size_t>(length, 1))};
    rep_.Error(code, inner, std::move(message), std::move(hint));
    return;
  }
  Report(code, v, use, std::move(message), std::move(hint));
}

std::optional<Value> Conformer::Mismatch(const Value& v, const SemType& t, const std::string& path,
                                         Span use, std::string hint) {
  Report(codes::kTypeMismatch, v, use,
         fmt::format("{}expected {}, got {}", Subject(path), t.Expected(), Describe(v)),
         std::move(hint));
  return std::nullopt;
}

std::optional<Value> Conformer::Conform(const Value& v, const SemType& t, const std::string& path,
                                        Span use) {
  if (v.kind() == K::kNull) {
    if (t.optional || t.kind == TK::kAny) return v;
    return Mismatch(v, t, path, use);
  }
  if (v.kind() == K::kSecret) return Secret(v, t, path, use);
  std::optional<Value> out;
  switch (t.kind) {
    case TK::kAny:
      return v;
    case TK::kBool:
      if (v.kind() != K::kBool) {
        return Mismatch(
            v, t, path, use,
            v.kind() == K::kString && (v.AsString() == "true" || v.AsString() == "false")
                ? "write it without quotes: " + v.AsString()
                : "");
      }
      out = v;
      break;
    case TK::kInt:
    case TK::kPort:
      if (v.kind() != K::kInt) {
        return Mismatch(v, t, path, use,
                        v.kind() == K::kSize || v.kind() == K::kDuration
                            ? "this field is a plain number, without a unit"
                            : "");
      }
      if (t.kind == TK::kPort && (v.AsInt() < 0 || v.AsInt() > 65535)) {
        Report(codes::kOutOfRange, v, use,
               fmt::format("{}port {} is out of range 0..65535", Subject(path), v.AsInt()));
        return std::nullopt;
      }
      out = v;
      break;
    case TK::kFloat:
      if (!v.is_number()) return Mismatch(v, t, path, use);
      out = v.kind() == K::kFloat ? v : Value::Float(static_cast<double>(v.AsInt()), v.span());
      break;
    case TK::kSize:
    case TK::kDuration:
      out = Quantity(v, t, path, use);
      break;
    case TK::kString:
    case TK::kIp:
    case TK::kCidr:
    case TK::kCron:
    case TK::kEnum:
      out = Text(v, t, path, use);
      break;
    case TK::kGroup:
      return Hosts(v, use);
    case TK::kRange:
    case TK::kList:
    case TK::kMap:
    case TK::kObject:
      out = Container(v, t, path, use);
      break;
  }
  if (!out || !Constrain(*out, t, path, use)) return std::nullopt;
  return out;
}

std::optional<Value> Conformer::Secret(const Value& v, const SemType& t, const std::string& path,
                                       Span use) {
  // The catalog carries a secret as the whole value of a top-level field,
  // and its constraints cannot be checked before it is read.
  bool nested = path.find_first_of(".[") != std::string::npos;
  if ((t.kind != TK::kString && t.kind != TK::kAny) || nested) {
    return Mismatch(v, t, path, use,
                    nested ? "a secret can only be the whole value of a string field of a resource"
                           : "");
  }
  return v;
}

std::optional<Value> Conformer::Quantity(const Value& v, const SemType& t, const std::string& path,
                                         Span use) {
  bool size = t.kind == TK::kSize;
  K want = size ? K::kSize : K::kDuration;
  Value q = v;
  if (v.kind() == K::kInt && v.AsInt() == 0) {
    q = size ? Value::Size(0, v.span()) : Value::Duration(0, v.span());
  } else if (v.kind() == K::kInt) {
    return Mismatch(v, t, path, use,
                    fmt::format("did you mean {}{}?", v.AsInt(), size ? "MiB" : "s"));
  } else if (v.kind() == K::kString && !size) {
    catalog::units::Parsed p = catalog::units::ParseDuration(v.AsString());
    if (!p.error.empty()) {
      Report(codes::kMalformedValue, v, use, Subject(path) + p.error);
      return std::nullopt;
    }
    q = Value::Duration(p.value, v.span());
  } else if (v.kind() != want) {
    std::string hint;
    if (v.kind() == K::kString && catalog::units::ParseSize(v.AsString()).error.empty()) {
      hint = "write it without quotes: " + v.AsString();
    }
    return Mismatch(v, t, path, use, hint);
  }
  if (q.AsInt() < 0) {
    Report(codes::kOutOfRange, q, use,
           fmt::format("{}{} must not be negative", Subject(path), Show(q)));
    return std::nullopt;
  }
  return q;
}

std::optional<Value> Conformer::Text(const Value& v, const SemType& t, const std::string& path,
                                     Span use) {
  if (t.kind == TK::kIp && v.kind() == K::kIp) return v;
  if (t.kind == TK::kCidr && v.kind() == K::kCidr) return v;
  if (t.kind == TK::kCidr && v.kind() == K::kIp) {
    bool v6 = v.AsString().find(':') != std::string::npos;
    return Value::Cidr(fmt::format("{}/{}", v.AsString(), v6 ? 128 : 32), v.span());
  }
  if (v.kind() != K::kString) return Mismatch(v, t, path, use);
  const std::string& s = v.AsString();
  switch (t.kind) {
    case TK::kIp:
    case TK::kCidr: {
      catalog::net::Parsed p = t.kind == TK::kIp ? catalog::net::ParseIp(s) : catalog::net::ParseCidr(s);
      if (!p.ok() && t.kind == TK::kCidr && catalog::net::ParseIp(s).ok()) {
        p = catalog::net::ParseCidr(s + (s.find(':') == std::string::npos ? "/32" : "/128"));
      }
      if (!p.ok()) {
        Report(codes::kMalformedValue, v, use, Subject(path) + p.error);
        return std::nullopt;
      }
      return t.kind == TK::kIp ? Value::Ip(p.canonical, v.span())
                               : Value::Cidr(p.canonical, v.span());
    }
    case TK::kCron: {
      catalog::CronError error;
      if (!catalog::ParseCron(s, error)) {
        ReportInString(
            codes::kMalformedValue, v, use, error.offset, error.length,
            fmt::format("{}not a valid cron expression: {}", Subject(path), error.message),
            "the fields are: minute hour day-of-month month day-of-week, "
            "e.g. \"30 2 * * *\"");
        return std::nullopt;
      }
      return v;
    }
    case TK::kEnum:
      for (const std::string& allowed : t.enum_values) {
        if (allowed == s) return v;
      }
      Report(codes::kOutOfRange, v, use,
             fmt::format("{}\"{}\" is not {}", Subject(path), s, t.Expected()),
             DidYouMean(s, t.enum_values));
      return std::nullopt;
    default:
      return v;
  }
}

std::optional<Value> Conformer::Container(const Value& v, const SemType& t, const std::string& path,
                                          Span use) {
  if (t.kind == TK::kRange) {
    if (v.kind() != K::kRange) return Mismatch(v, t, path, use);
    SemType ends;
    ends.kind = TK::kInt;
    const SemType& et = t.element ? *t.element : ends;
    std::optional<Value> from = Conform(v.Items()[0], et, path, use);
    std::optional<Value> to = Conform(v.Items()[1], et, path, use);
    if (!from || !to) return std::nullopt;
    return Value::Range(std::move(*from), std::move(*to), v.span());
  }
  if (t.kind == TK::kList) {
    if (v.kind() != K::kList && v.kind() != K::kGroup) {
      return Mismatch(v, t, path, use, fmt::format("a list is written in brackets: [{}]", Show(v)));
    }
    ValueList items;
    items.reserve(v.Items().size());
    bool ok = true;
    for (size_t i = 0; i < v.Items().size(); ++i) {
      std::optional<Value> item =
          Conform(v.Items()[i], *t.element, fmt::format("{}[{}]", path, i), use);
      if (item) items.push_back(std::move(*item));
      ok = ok && item;
    }
    if (!ok) return std::nullopt;
    return Value::List(std::move(items), v.span());
  }
  if (v.kind() != K::kObject) return Mismatch(v, t, path, use);
  if (t.kind == TK::kMap) {
    ValueFields fields;
    bool ok = true;
    for (const auto& [key, item] : v.Fields()) {
      std::optional<Value> c = Conform(item, *t.element, path + "." + key, use);
      if (c) fields.emplace_back(key, std::move(*c));
      ok = ok && c;
    }
    if (!ok) return std::nullopt;
    return Value::Object(std::move(fields), v.span());
  }
  std::vector<GivenField> given;
  given.reserve(v.Fields().size());
  for (const auto& [key, item] : v.Fields()) {
    Span at = Within(item.span(), use) ? item.span() : use;
    given.push_back({key, at, item, at});
  }
  std::vector<Value> values;
  Span owner = Within(v.span(), use) ? v.span() : use;
  if (!Fields(
          *t.object, given, path + ".", owner, [&] { return "`" + path + "`"; }, values)) {
    return std::nullopt;
  }
  ValueFields fields;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].kind() != K::kNull) fields.emplace_back(t.object->fields[i].name, values[i]);
  }
  return Value::Object(std::move(fields), v.span());
}

bool Conformer::Constrain(const Value& v, const SemType& t, const std::string& path, Span use) {
  if (t.min && t.max) {
    bool by_length = v.kind() == K::kString || v.kind() == K::kList || v.kind() == K::kObject;
    Value measured = by_length ? Value::Int(Length(v), v.span()) : v;
    if (Less(measured, *t.min) || Less(*t.max, measured)) {
      Report(codes::kOutOfRange, v, use,
             by_length ? fmt::format("{}length {} is out of range {}..{}", Subject(path), Length(v),
                                     Show(*t.min), Show(*t.max))
                       : fmt::format("{}{} is out of range {}..{}", Subject(path), Show(v),
                                     Show(*t.min), Show(*t.max)));
      return false;
    }
  }
  if (!t.allowed.empty()) {
    for (const Value& a : t.allowed) {
      if (Equal(a, v)) return true;
    }
    std::string list;
    for (const Value& a : t.allowed) list += (list.empty() ? "" : ", ") + Show(a);
    Report(codes::kOutOfRange, v, use,
           fmt::format("{}{} is not one of {}", Subject(path), Show(v), list));
    return false;
  }
  return true;
}

bool Conformer::Fields(const FieldSet& set, const std::vector<GivenField>& given,
                       const std::string& prefix, Span owner,
                       const std::function<std::string()>& owner_what, std::vector<Value>& out) {
  bool ok = true;
  // Which given field, if any, sets each field of the set.
  std::vector<const GivenField*> by_field(set.fields.size(), nullptr);
  for (const GivenField& g : given) {
    auto it = set.index.find(g.name);
    if (it == set.index.end()) {
      rep_.Error(codes::kUnknownField, g.name_span,
                 fmt::format("{} has no field `{}{}`", owner_what(), prefix, g.name),
                 DidYouMean(g.name, set.Names()));
      ok = false;
      continue;
    }
    by_field[it->second] = &g;
  }
  out.clear();
  out.reserve(set.fields.size());
  std::vector<std::string_view> missing;
  for (size_t i = 0; i < set.fields.size(); ++i) {
    const SemField& f = set.fields[i];
    if (const GivenField* g = by_field[i]) {
      std::string nested;
      if (!prefix.empty()) nested = prefix + f.name;
      std::optional<Value> c =
          Conform(g->value, *f.type, prefix.empty() ? f.name : nested, g->value_span);
      ok = ok && c;
      out.push_back(c ? std::move(*c) : Value());
    } else if (f.default_value) {
      out.push_back(*f.default_value);
    } else {
      if (!f.type->optional) missing.push_back(f.name);
      out.emplace_back();
    }
  }
  if (!missing.empty()) {
    std::string names;
    for (std::string_view m : missing) {
      names += fmt::format("{}`{}{}`", names.empty() ? "" : ", ", prefix, m);
    }
    const SemField& first = *set.Find(missing[0]);
    rep_.Error(codes::kMissingField, owner,
               fmt::format("{} is missing required field{} {}", owner_what(),
                           missing.size() == 1 ? "" : "s", names),
               fmt::format("add `{} = ...` ({}{})", missing[0], first.type->Expected(),
                           first.doc.empty() ? "" : ": " + first.doc));
    ok = false;
  }
  return ok;
}

std::optional<Value> Conformer::Hosts(const Value& v, Span use) {
  ValueList listed;
  if (v.kind() != K::kGroup && !arith::HostNames(v, listed)) {
    Report(codes::kTypeMismatch, v, use,
           fmt::format("expected hosts (a group, a host name, or a list of them), got {}",
                       Describe(v)));
    return std::nullopt;
  }
  const ValueList& names = v.kind() == K::kGroup ? v.Items() : listed;
  // A group of known hosts (the usual target) is already what is wanted.
  if (v.kind() == K::kGroup && std::all_of(names.begin(), names.end(), [&](const Value& n) {
        return hosts_.IsHost(n.AsString());
      })) {
    return v;
  }
  ValueList hosts;
  std::unordered_set<std::string_view> seen;
  bool ok = true;
  auto add = [&](const std::string& name, Span span) {
    if (seen.insert(name).second) hosts.push_back(Value::String(name, span));
  };
  for (const Value& n : names) {
    const std::string& name = n.AsString();
    if (hosts_.IsHost(name)) {
      add(name, n.span());
    } else if (const std::vector<std::string>* members = hosts_.Group(name)) {
      for (const std::string& m : *members) add(m, n.span());
    } else {
      std::string hint = DidYouMean(name, hosts_.Names());
      if (hint.empty()) {
        hint = hosts_.empty() ? "the inventory declares no hosts; add [hosts." + name +
                                    "] with an address to kilter.toml"
                              : "hosts and groups come from the inventory (kilter.toml)";
      }
      Report(codes::kUnknownHost, n, use,
             fmt::format("unknown host `{}`: it is not in the inventory", name), hint);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return Value::Group(std::move(hosts), v.span());
}

}  // namespace kilter::compiler
