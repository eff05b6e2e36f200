#include "compiler/sema/params.h"

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/literals.h"
#include "compiler/catalog/units.h"

namespace kilter::compiler {

namespace {

using TK = SemType::Kind;

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    size_t b = item.find_first_not_of(' ');
    size_t e = item.find_last_not_of(' ');
    if (b != std::string::npos) items.push_back(item.substr(b, e - b + 1));
    start = comma + 1;
  }
  return items;
}

}  // namespace

std::optional<Value> ValueFromText(const std::string& text, const SemType& type, Span span,
                                   std::string& error) {
  switch (type.kind) {
    case TK::kString:
    case TK::kCron:
    case TK::kEnum:
    case TK::kIp:
    case TK::kCidr:
      return Value::String(text, span);
    case TK::kBool:
      if (text == "true" || text == "false") return Value::Bool(text == "true", span);
      error = "true or false";
      return std::nullopt;
    case TK::kInt:
    case TK::kPort: {
      int64_t n = 0;
      if (ParseIntText(text, n)) return Value::Int(n, span);
      error = type.Expected();
      return std::nullopt;
    }
    case TK::kFloat: {
      double d = 0;
      if (ParseFloatText(text, d)) return Value::Float(d, span);
      error = "a number";
      return std::nullopt;
    }
    case TK::kSize:
    case TK::kDuration: {
      if (text == "0") return Value::Int(0, span);
      bool size = type.kind == TK::kSize;
      catalog::units::Parsed p = size ? catalog::units::ParseSize(text) : catalog::units::ParseDuration(text);
      if (p.error.empty())
        return size ? Value::Size(p.value, span) : Value::Duration(p.value, span);
      error = type.Expected() + " (" + p.error + ")";
      return std::nullopt;
    }
    case TK::kGroup:
    case TK::kList: {
      ValueList items;
      SemType host;
      host.kind = TK::kString;
      const SemType& element = type.kind == TK::kGroup ? host : *type.element;
      for (const std::string& item : SplitCommas(text)) {
        std::optional<Value> v = ValueFromText(item, element, span, error);
        if (!v) {
          error = "a comma-separated list of " + element.Expected();
          return std::nullopt;
        }
        items.push_back(std::move(*v));
      }
      return Value::List(std::move(items), span);
    }
    case TK::kRange: {
      size_t dots = text.find("..");
      int64_t from = 0, to = 0;
      if (dots != std::string::npos && ParseIntText(text.substr(0, dots), from) &&
          ParseIntText(text.substr(dots + 2), to) && from <= to) {
        return Value::Range(Value::Int(from, span), Value::Int(to, span), span);
      }
      error = "a range like 8000..8100";
      return std::nullopt;
    }
    case TK::kAny: {
      int64_t n = 0;
      if (ParseIntText(text, n)) return Value::Int(n, span);
      return Value::String(text, span);
    }
    case TK::kMap:
    case TK::kObject:
      error = type.Expected() + ", which --param cannot give: set it in kilter.toml [params]";
      return std::nullopt;
  }
  return std::nullopt;
}

Value ValueFromJson(const nlohmann::json& json, const SemType* type, Span span) {
  TK kind = type ? type->kind : TK::kAny;
  if (json.is_string()) {
    const std::string& s = json.get_ref<const std::string&>();
    if (kind == TK::kSize || kind == TK::kDuration || kind == TK::kRange) {
      std::string error;
      if (std::optional<Value> v = ValueFromText(s, *type, span, error)) return *v;
    }
    return Value::String(s, span);
  }
  if (json.is_boolean()) return Value::Bool(json.get<bool>(), span);
  if (json.is_number_integer()) return Value::Int(json.get<int64_t>(), span);
  if (json.is_number()) return Value::Float(json.get<double>(), span);
  if (json.is_array()) {
    const SemType* element = kind == TK::kList ? type->element.get() : nullptr;
    ValueList items;
    for (const nlohmann::json& item : json) items.push_back(ValueFromJson(item, element, span));
    return Value::List(std::move(items), span);
  }
  if (json.is_object()) {
    ValueFields fields;
    for (const auto& [key, item] : json.items()) {
      const SemType* field_type = nullptr;
      if (kind == TK::kMap) field_type = type->element.get();
      if (kind == TK::kObject) {
        if (const SemField* f = type->object->Find(key)) field_type = f->type.get();
      }
      fields.emplace_back(key, ValueFromJson(item, field_type, span));
    }
    return Value::Object(std::move(fields), span);
  }
  return Value::Null(span);
}

std::optional<Value> ParamOverrides::Get(const std::string& name, const SemType& type, Span decl,
                                         Conformer& conform, bool& given) {
  given = false;
  auto cli = cli_.find(name);
  if (cli != cli_.end()) {
    given = true;
    used_.insert(name);
    std::string expected;
    std::optional<Value> v = ValueFromText(cli->second, type, Span{}, expected);
    if (!v) {
      conform.reporter().Error(
          codes::kBadParamValue, decl,
          fmt::format("--param {}={}: expected {}", name, cli->second, expected),
          fmt::format("param `{}` is declared here as {}", name, type.Name()));
      return std::nullopt;
    }
    return conform.Conform(*v, type, "--param " + name, decl);
  }
  if (!inventory_) return std::nullopt;
  auto it = inventory_->params.find(name);
  if (it == inventory_->params.end()) return std::nullopt;
  given = true;
  used_.insert(name);
  Value v = ValueFromJson(it->second.value, &type, it->second.span);
  return conform.Conform(v, type, name, it->second.span);
}

void ParamOverrides::ReportUnknown(const std::vector<std::string>& declared, Reporter& rep) const {
  for (const auto& [name, text] : cli_) {
    if (used_.count(name)) continue;
    rep.Error(codes::kUnknownParam, Span{},
              fmt::format("--param {}={}: no param `{}` is declared", name, text, name),
              DidYouMean(name, declared));
  }
  if (!inventory_) return;
  for (const auto& [name, value] : inventory_->params) {
    if (used_.count(name) || cli_.count(name)) continue;
    rep.Error(codes::kUnknownParam, value.span,
              fmt::format("[params] sets `{}`, but no param `{}` is declared", name, name),
              DidYouMean(name, declared));
  }
}

}  // namespace kilter::compiler
