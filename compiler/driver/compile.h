#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/catalog/catalog.h"
#include "compiler/sema/evaluator.h"

namespace kilter::compiler {

/// What `kilter check|compile|plan ...` asks the compiler for.
struct CompileRequest {
  std::vector<std::string> paths;  ///< files or directories (every .kilt below); default "."
  std::string inventory;           ///< empty: kilter.toml beside the specs, if any
  std::map<std::string, std::string> param_overrides;
  size_t max_errors = 100;  ///< errors past this are counted, not kept (--max-errors)
  bool build_catalog = true;  ///< false: diagnostics only (`kilter check` needs no catalog)
};

/// Everything one compilation produced. Keeps the sources alive so the
/// diagnostics can be rendered.
struct Compilation {
  SourceManager sources;
  Diagnostics diags;
  std::vector<EvaluatedResource> resources;
  catalog::Catalog catalog;  ///< complete only when !diags.has_errors() and asked for
};

/// The pass order, written once: find files, load the inventory, evaluate,
/// lint, build the catalog. Every spec file is read through `reader` once;
/// problems with the paths themselves are E0408-E0410 (docs/errors/).
void Compile(const CompileRequest& request, SourceReader& reader, Compilation& out);

}  // namespace kilter::compiler
