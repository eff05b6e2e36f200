#include "compiler/sema/provider_settings.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/catalog_value.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/params.h"

namespace kilter::compiler {

namespace {

/// One provider table, checked: a value per schema field (defaults where the
/// table is silent) and where each key it sets is written.
struct CheckedTable {
  const ProviderTable* table = nullptr;
  std::vector<Value> values;
  std::map<std::string, Span> given;
  bool ok = false;
};

std::string Where(const ProviderTable& t) {
  return t.host.empty() ? fmt::format("[providers.\"{}\"]", t.provider)
                        : fmt::format("[hosts.{}.providers.\"{}\"]", t.host, t.provider);
}

CheckedTable Check(const ProviderTable& t, const Schema& schema, Conformer& conform) {
  CheckedTable c;
  c.table = &t;
  std::vector<GivenField> given;
  for (const ProviderSetting& s : t.settings) {
    const SemField* field = schema.fields->Find(s.key);
    if (field) c.given[s.key] = s.key_span;
    given.push_back({s.key, s.key_span,
                     ValueFromJson(s.value.value, field ? field->type.get() : nullptr, s.value.span),
                     s.value.span});
  }
  c.ok = conform.Fields(*schema.fields, given, {}, t.span, [&] { return Where(t); }, c.values);
  return c;
}

/// `own` over `global` over the schema's defaults, as an instance the
/// schema's asserts can run on.
Instance Merge(const Schema& schema, const CheckedTable* global, const CheckedTable* own) {
  Instance inst;
  inst.schema = &schema;
  for (const SemField& f : schema.fields->fields) {
    inst.values.push_back(f.default_value ? *f.default_value : Value());
  }
  for (const CheckedTable* c : {global, own}) {
    if (!c) continue;
    inst.header_span = c->table->span;
    for (const auto& [key, span] : c->given) {
      size_t i = schema.fields->index.at(key);
      inst.values[i] = c->values[i];
      inst.field_spans[key] = span;
    }
  }
  return inst;
}

}  // namespace

std::map<std::string, nlohmann::json> CheckProviderSettings(const Inventory& inventory,
                                                            const SchemaRegistry& schemas,
                                                            Conformer& conform,
                                                            CheckRunner& checks, Reporter& rep) {
  // (provider, host) -> its table; host "" is the global one.
  std::map<std::pair<std::string, std::string>, CheckedTable> tables;
  for (const ProviderTable& t : inventory.provider_tables) {
    const Schema* schema = schemas.FindSettings(t.provider);
    if (!schema) {
      rep.Error(codes::kUnknownProvider, t.span,
                fmt::format("{}: there is no provider \"{}\"", Where(t), t.provider),
                DidYouMean(t.provider, schemas.SettingsNames()));
      continue;
    }
    tables[{t.provider, t.host}] = Check(t, *schema, conform);
  }
  auto find = [&](const std::string& provider, const std::string& host) -> const CheckedTable* {
    auto it = tables.find({provider, host});
    return it == tables.end() ? nullptr : &it->second;
  };
  // Each distinct combination of tables is asserted once: a bad global
  // setting is one error, not one per host.
  for (const std::string& name : schemas.SettingsNames()) {
    const Schema& schema = *schemas.FindSettings(name);
    const CheckedTable* global = find(name, "");
    if (global && global->ok) checks.Run(schema, Merge(schema, global, nullptr));
    for (const catalog::Host& host : inventory.hosts) {
      const CheckedTable* own = find(name, host.name);
      if (own && own->ok && (!global || global->ok)) checks.Run(schema, Merge(schema, global, own));
    }
  }
  std::map<std::string, nlohmann::json> out;
  for (const catalog::Host& host : inventory.hosts) {
    nlohmann::json& providers = out[host.name] = nlohmann::json::object();
    for (const std::string& name : schemas.SettingsNames()) {
      const Schema& schema = *schemas.FindSettings(name);
      Instance merged = Merge(schema, find(name, ""), find(name, host.name));
      nlohmann::json& settings = providers[name] = nlohmann::json::object();
      for (size_t i = 0; i < schema.fields->fields.size(); ++i) {
        settings[schema.fields->fields[i].name] = ToCatalogJson(merged.values[i]);
      }
    }
  }
  return out;
}

}  // namespace kilter::compiler
