#pragma once

#include <optional>
#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/cli/compile_flags.h"

namespace kilter::cli {

/// Compiles the specs of `flags` as CompileSpecs does, diagnostics on
/// stderr, with an empty in-memory spec file in the first PATH: a
/// directory that holds only kilter.toml (before a first import) compiles
/// to its inventory instead of failing with E0410. False on errors.
bool CompileImportSpecs(const CompileFlags& flags, catalog::Catalog& catalog);

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
