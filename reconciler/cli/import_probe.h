#pragma once

#include <optional>
#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/cli/compile_flags.h"

namespace kilter::cli {

/// A resource of `type` on `host` with every field at its schema default,
/// as the compiler builds it (fields, field_types) from the inventory of
/// `flags` and one in-memory spec `TYPE "..." on HOST {}` beside the first
/// PATH; nullopt when that spec does not compile (a field without a default,
/// a provider name rather than a type). Importers use it to leave out live
/// values the schema's defaults already say.
std::optional<catalog::Resource> SchemaDefaults(const CompileFlags& flags,
                                                const std::string& type,
                                                const std::string& host);

}  // namespace kilter::cli
