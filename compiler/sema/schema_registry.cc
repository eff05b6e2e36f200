#include "compiler/sema/schema_registry.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/sema/codes.h"
#include "compiler/syntax/parser.h"
#include "stdlib/stdlib.h"

namespace kilter::compiler {

std::string StdlibDisplayPath(std::string_view path) { return fmt::format("<stdlib>/{}", path); }

void SchemaRegistry::LoadStdlib(SourceManager& sources, Diagnostics& diags, Evaluator& ev,
                                Scope& scope, Conformer& conform) {
  for (const stdlib::EmbeddedFile& f : stdlib::Files()) {
    if (!f.path.starts_with("schemas/") || !f.path.ends_with(".kilt")) continue;
    const SourceFile& source =
        sources.Add(StdlibDisplayPath(f.path), std::string(f.text.data(), f.text.size()));
    std::unique_ptr<ast::File> file = Parse(source, diags);
    if (file) Add(std::move(file), ev, scope, conform);
  }
}

void SchemaRegistry::Add(std::unique_ptr<ast::File> file, Evaluator& ev, Scope& scope,
                         Conformer& conform) {
  for (const ast::Stmt& stmt : file->body) {
    const auto* decl = std::get_if<ast::Schema>(&stmt.node);
    if (!decl) {
      ev.reporter().Error(codes::kMisplaced,
                          std::visit([](const auto& node) { return node.span; }, stmt.node),
                          "a schema file holds only `schema` declarations");
      continue;
    }
    auto& table = decl->settings ? settings_ : schemas_;
    auto existing = table.find(decl->type);
    if (existing != table.end()) {
      ev.reporter().Error(codes::kBadSchema, decl->type_span,
                          fmt::format("{} `{}` is declared twice",
                                      decl->settings ? "settings" : "schema", decl->type),
                          "", {{existing->second.span, "first declared here"}});
      continue;
    }
    Schema schema;
    schema.type = decl->type;
    schema.doc = decl->doc;
    schema.span = decl->type_span;
    schema.host_wide = decl->host_wide;
    schema.settings = decl->settings;
    schema.fields = BuildFields(decl->fields, ev, scope, conform);
    if (const SemField* after = schema.fields->Find("after"); after && !decl->settings) {
      ev.reporter().Error(codes::kBadSchema, after->span,
                          "`after` is a field of every resource (its dependencies); a schema "
                          "cannot declare it");
    }
    for (const ast::Check& check : decl->checks) schema.checks.push_back(&check);
    table.emplace(decl->type, std::move(schema));
  }
  files_.push_back(std::move(file));
}

const Schema* SchemaRegistry::Find(const std::string& type) const {
  auto it = schemas_.find(type);
  return it == schemas_.end() ? nullptr : &it->second;
}

namespace {

std::vector<std::string> SortedKeys(const std::unordered_map<std::string, Schema>& table) {
  std::vector<std::string> keys;
  for (const auto& entry : table) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

std::vector<std::string> SchemaRegistry::Types() const { return SortedKeys(schemas_); }

const Schema* SchemaRegistry::FindSettings(const std::string& name) const {
  auto it = settings_.find(name);
  return it == settings_.end() ? nullptr : &it->second;
}

std::vector<std::string> SchemaRegistry::SettingsNames() const { return SortedKeys(settings_); }

}  // namespace kilter::compiler
