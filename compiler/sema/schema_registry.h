#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/eval.h"
#include "compiler/sema/types.h"
#include "compiler/syntax/ast.h"

namespace kilter::compiler {

/// A resource type as its schema declares it.
struct Schema {
  std::string type;
  std::string doc;
  Span span;
  std::shared_ptr<const FieldSet> fields;
  std::vector<const ast::Check*> checks;  ///< `assert` and `warn` lines, in order
  bool host_wide = false;                 ///< `schema T host_wide`: one value per host
  bool settings = false;                  ///< `settings NAME`: a provider's kilter.toml table
};

/// Every resource type and every provider's settings: the `schema` and
/// `settings` declarations of all stdlib/schemas/*.kilt files, two tables
/// keyed by name. Whichever schema files exist are loaded; nothing is known
/// about any type by name.
class SchemaRegistry {
 public:
  /// Parses and builds every embedded stdlib/schemas/*.kilt file. Problems in
  /// a schema (syntax, unknown type names, defaults that break their own
  /// constraint, a type declared twice) are reported and that part skipped.
  void LoadStdlib(SourceManager& sources, Diagnostics& diags, Evaluator& ev, Scope& scope,
                  Conformer& conform);

  /// Adds the schemas of one parsed file (tests use this with small schemas).
  void Add(std::unique_ptr<ast::File> file, Evaluator& ev, Scope& scope, Conformer& conform);

  const Schema* Find(const std::string& type) const;
  std::vector<std::string> Types() const;

  /// The settings of provider `name` ([providers."NAME"] in kilter.toml).
  const Schema* FindSettings(const std::string& name) const;
  /// Every provider with declared settings, sorted.
  std::vector<std::string> SettingsNames() const;

 private:
  std::vector<std::unique_ptr<ast::File>> files_;
  std::unordered_map<std::string, Schema> schemas_;
  std::unordered_map<std::string, Schema> settings_;
};

/// The display path of an embedded stdlib file ("<stdlib>/schemas/php.kilt").
std::string StdlibDisplayPath(std::string_view path);

}  // namespace kilter::compiler
