#include "reconciler/providers/php_fpm_pool/import.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/providers/php_fpm_pool/pool_file.h"

namespace kilter::reconciler::php_fpm_pool {

namespace {

enum class Kind { kString, kInt, kSeconds, kBytes };

/// The pool directives the schema declares, by field.
struct FieldOf {
  const char* directive;
  const char* field;
  Kind kind;
};

constexpr FieldOf kFields[] = {
    {"listen", "listen", Kind::kString},
    {"user", "user", Kind::kString},
    {"group", "group", Kind::kString},
    {"pm", "pm", Kind::kString},
    {"pm.max_children", "max_children", Kind::kInt},
    {"pm.start_servers", "start_servers", Kind::kInt},
    {"pm.min_spare_servers", "min_spare_servers", Kind::kInt},
    {"pm.max_spare_servers", "max_spare_servers", Kind::kInt},
    {"pm.max_requests", "max_requests", Kind::kInt},
    {"request_terminate_timeout", "request_terminate_timeout", Kind::kSeconds},
    {"pm.status_path", "status_path", Kind::kString},
    {"php_admin_value[memory_limit]", "memory_limit", Kind::kBytes},
};

constexpr const char* kAdminPrefix = "php_admin_value[";

bool IsNumber(const std::string& s) {
  return !s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos;
}

/// `value` of `f` as its field writes it; nullopt when it is not a number
/// where the field wants one.
std::optional<kit::SpecValue> ValueOf(const FieldOf& f, const std::string& value) {
  std::string canonical = Canonical(f.directive, value);
  switch (f.kind) {
    case Kind::kString: return kit::SpecValue::String(value);
    case Kind::kInt:
      if (!IsNumber(canonical)) return std::nullopt;
      return kit::SpecValue::Int(std::stoll(canonical));
    case Kind::kSeconds:
      if (!IsNumber(canonical)) return std::nullopt;
      return kit::SpecValue::Duration(std::stoll(canonical) * 1000);
    case Kind::kBytes:
      if (!IsNumber(canonical)) return std::nullopt;
      return kit::SpecValue::Size(std::stoull(canonical));
  }
  return std::nullopt;
}

/// The resource of one pool, with notes for what it cannot declare.
void AddPool(const std::string& host, const std::string& pool, const PersistedPools& persisted,
             kit::SpecFile& out) {
  if (!persisted.Effective(pool, "listen")) {
    out.notes += fmt::format("not imported: pool {}: it sets no listen\n", pool);
    return;
  }
  kit::SpecResource r{"php.fpm_pool", pool, host, {}, ""};
  std::vector<std::string> unset;
  for (const FieldOf& f : kFields) {
    std::optional<Assignment> a = persisted.Effective(pool, f.directive);
    if (!a) {
      if (std::string(f.directive) != "pm.status_path") unset.push_back(f.directive);
      continue;
    }
    std::optional<kit::SpecValue> value = ValueOf(f, a->value);
    if (!value) {
      out.notes += fmt::format("not imported: pool {}: {} = {} ({}): not a value {} can hold\n",
                               pool, f.directive, a->value, a->file, f.field);
      continue;
    }
    r.fields.push_back({f.field, *value, ""});
  }
  std::vector<kit::SpecEntry> admin;
  for (const std::string& d : persisted.DirectivesOf(pool)) {
    bool typed = std::any_of(std::begin(kFields), std::end(kFields),
                             [&](const FieldOf& f) { return d == f.directive; });
    if (typed) continue;
    std::optional<Assignment> a = persisted.Effective(pool, d);
    if (d.starts_with(kAdminPrefix) && d.ends_with("]")) {
      std::string key = d.substr(std::string(kAdminPrefix).size());
      key.pop_back();
      admin.push_back({key, kit::SpecValue::String(a->value), ""});
      continue;
    }
    out.notes += fmt::format(
        "pool {}: {} = {} ({}) is not imported: php.fpm_pool cannot declare it, and it stays "
        "in that file\n",
        pool, d, a->value, a->file);
  }
  if (!admin.empty()) r.fields.push_back({"php_admin_value", kit::SpecValue::Object(admin), ""});
  std::vector<std::string> files = persisted.FilesOf(pool);
  r.comment = "pool [" + pool + "] of " + fmt::format("{}", fmt::join(files, ", "));
  if (!unset.empty()) {
    r.comment += fmt::format(
        "\nthe pool files do not set {}: the schema's defaults apply, and the plan writes\n"
        "them in kilter's pool file",
        fmt::join(unset, ", "));
  }
  out.resources.push_back(std::move(r));
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"pool", "a pool by name (www); default: every pool of the pool directory"}};
}

kit::SpecFile ImportedPools(const std::string& host, const HostState& state,
                            const std::vector<std::string>& pools,
                            const std::vector<std::string>& declared) {
  PersistedPools persisted(state.files);
  kit::SpecFile out;
  for (const std::string& pool : pools) {
    if (!persisted.Defines(pool)) out.notes += "not imported: no pool " + pool + "\n";
  }
  for (const std::string& pool : persisted.Pools()) {
    bool wanted = pools.empty() || std::find(pools.begin(), pools.end(), pool) != pools.end();
    bool known = std::find(declared.begin(), declared.end(), pool) != declared.end();
    if (wanted && !known) AddPool(host, pool, persisted, out);
  }
  return out;
}

}  // namespace kilter::reconciler::php_fpm_pool
