#include "compiler/sema/catalog_value.h"

namespace kilter::compiler {

nlohmann::json ToCatalogJson(const Value& v) {
  using K = Value::Kind;
  switch (v.kind()) {
    case K::kNull:
    case K::kSecret:
      return nullptr;
    case K::kBool:
      return v.AsBool();
    case K::kInt:
    case K::kSize:
    case K::kDuration:
      return v.AsInt();
    case K::kFloat:
      return v.AsFloat();
    case K::kString:
    case K::kIp:
    case K::kCidr:
      return v.AsString();
    case K::kRange:
      return {{"from", ToCatalogJson(v.Items()[0])}, {"to", ToCatalogJson(v.Items()[1])}};
    case K::kList:
    case K::kGroup: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : v.Items()) out.push_back(ToCatalogJson(item));
      return out;
    }
    case K::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, item] : v.Fields()) out[key] = ToCatalogJson(item);
      return out;
    }
  }
  return nullptr;
}

catalog::Secret ToCatalogSecret(const Value& v) {
  catalog::Secret secret;
  for (const Value& part : v.Items()) {
    if (part.kind() == Value::Kind::kString) {
      secret.parts.push_back({"text", part.AsString()});
    } else {
      secret.parts.push_back({part.Fields()[0].first, part.Fields()[0].second.AsString()});
    }
  }
  return secret;
}

}  // namespace kilter::compiler
