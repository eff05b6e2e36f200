#pragma once

#include <nlohmann/json.hpp>

#include "compiler/sema/value.h"

namespace kilter::compiler {

/// A checked value in the catalog's JSON form (docs/catalog-format.md): size
/// in bytes and duration in milliseconds as integers, ip and cidr as
/// canonical strings, a range as {"from", "to"}, a group as its host names.
nlohmann::json ToCatalogJson(const Value& v);

}  // namespace kilter::compiler
