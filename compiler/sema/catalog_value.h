#pragma once

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "compiler/sema/value.h"

namespace kilter::compiler {

/// A checked value in the catalog's JSON form (docs/catalog-format.md): size
/// in bytes and duration in milliseconds as integers, ip and cidr as
/// canonical strings, a range as {"from", "to"}, a group as its host names.
/// A secret is null there: its field carries it in Resource::secrets instead.
nlohmann::json ToCatalogJson(const Value& v);

/// A secret value (Value::Kind::kSecret) in the catalog's form.
catalog::Secret ToCatalogSecret(const Value& v);

}  // namespace kilter::compiler
