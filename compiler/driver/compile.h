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
};

/// Everything one compilation produced. Keeps the sources alive so the
/// diagnostics can be rendered.
struct Compilation {
  SourceManager sources;
  Diagnostics diags;
  std::vector<EvaluatedResource> resources;
  catalog::Catalog catalog;  ///< complete only when !diags.has_errors()
};

/// The pass order, written once: find files, load the inventory, evaluate,
/// lint, build the catalog.
void Compile(const CompileRequest& request, SourceReader& reader, Compilation& out);

}  // namespace kilter::compiler
