#include "reconciler/plan/plan.h"

#include <ctime>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"

namespace kilter::reconciler {

using nlohmann::json;

bool HostPlan::HasWork() const {
  if (!handlers.empty()) return true;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) return true;
  }
  return false;
}

namespace {

void Count(const HostPlan& host, PlanSummary& s) {
  for (const Change& c : host.changes) {
    switch (c.kind) {
      case ChangeKind::kCreate: ++s.create; break;
      case ChangeKind::kUpdate: ++s.update; break;
      case ChangeKind::kReplace: ++s.replace; break;
      case ChangeKind::kDelete: ++s.remove; break;
      case ChangeKind::kNothing: break;
    }
    if (c.kind != ChangeKind::kNothing && c.destructive) ++s.destructive;
    s.problems += static_cast<int>(c.problems.size());
  }
  s.handlers += static_cast<int>(host.handlers.size());
  s.errors += static_cast<int>(host.errors.size());
}

}  // namespace

PlanSummary Summarize(const HostPlan& host) {
  PlanSummary s;
  Count(host, s);
  return s;
}

PlanSummary Summarize(const Plan& plan) {
  PlanSummary s;
  for (const HostPlan& h : plan.hosts) Count(h, s);
  s.suppressed = static_cast<int>(plan.suppressed.size());
  s.expired_suppressions = static_cast<int>(plan.expired_suppressions.size());
  return s;
}

bool PlanSummary::HasChanges() const {
  return create + update + replace + remove + handlers + expired_suppressions > 0;
}

std::string PlanSummary::Line(const std::string& kind) const {
  std::string line = fmt::format("{}: {} to create, {} to update, {} to replace, {} to delete.",
                                 kind, create, update, replace, remove);
  if (handlers > 0) line += fmt::format(" {} handler{} to run.", handlers, handlers == 1 ? "" : "s");
  return line + Extras();
}

std::string PlanSummary::DriftLine(const std::string& kind) const {
  std::string line = fmt::format("{}: {} missing, {} differing, {} no longer declared.", kind,
                                 create, update + replace, remove);
  if (handlers > 0) {
    line += fmt::format(" {} handler{} pending.", handlers, handlers == 1 ? "" : "s");
  }
  return line + Extras();
}

std::string PlanSummary::Extras() const {
  std::string line;
  if (problems > 0) line += fmt::format(" {} problem{}.", problems, problems == 1 ? "" : "s");
  if (suppressed > 0) line += fmt::format(" {} suppressed.", suppressed);
  if (expired_suppressions > 0) {
    line += fmt::format(" {} expired suppression{}.", expired_suppressions,
                        expired_suppressions == 1 ? "" : "s");
  }
  if (errors > 0) line += fmt::format(" {} error{}.", errors, errors == 1 ? "" : "s");
  return line;
}

int ExitCode(const Plan& plan) {
  PlanSummary s = Summarize(plan);
  if (s.errors > 0) return 1;
  return (plan.kind == "drift" ? s.HasDrift() : s.HasChanges()) ? 2 : 0;
}

std::string NowUtc() { return FormatRfc3339(std::time(nullptr)); }

json ToJson(const Change& c) {
  json fields = json::array();
  for (const FieldChange& f : c.fields) {
    json field = {
        {"field", f.field}, {"before", f.before}, {"after", f.after}, {"sensitive", f.sensitive}};
    if (!f.before_display.empty() || !f.after_display.empty()) {
      field["display"] = {{"before", f.before_display.empty() ? json() : json(f.before_display)},
                          {"after", f.after_display.empty() ? json() : json(f.after_display)}};
    }
    if (f.from_default) field["default"] = true;
    fields.push_back(std::move(field));
  }
  json actions = json::array();
  for (const Action& a : c.actions) {
    actions.push_back({{"kind", a.kind}, {"summary", a.summary}, {"detail", a.detail}});
  }
  json source = nullptr;
  if (c.source) {
    source = {{"file", c.source->file}, {"line", c.source->line}, {"col", c.source->col}};
  }
  json change = {{"address", c.Address()},
                 {"type", c.type},
                 {"name", c.name},
                 {"host", c.host},
                 {"kind", ToString(c.kind)},
                 {"fields", fields},
                 {"actions", actions},
                 {"reasons", c.reasons},
                 {"warnings", c.warnings},
                 {"problems", c.problems},
                 {"notifies", c.notifies},
                 {"destructive", c.destructive},
                 {"cause", ToString(c.cause)},
                 {"fingerprint", c.fingerprint},
                 {"source", source}};
  if (!c.measures.empty()) change["measures"] = c.measures;
  return change;
}

namespace {

template <typename T>
T Get(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw PlanError(fmt::format("plan: {} has no \"{}\"", where, key));
  }
  try {
    return object.at(key).get<T>();
  } catch (const json::exception&) {
    throw PlanError(fmt::format("plan: \"{}\" of {} has the wrong type", key, where));
  }
}

const json& Array(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_array()) {
    throw PlanError(fmt::format("plan: {} has no \"{}\" list", where, key));
  }
  return object.at(key);
}

}  // namespace

Change ChangeFromJson(const json& j) {
  Change c;
  c.type = Get<std::string>(j, "type", "a change");
  c.name = Get<std::string>(j, "name", "a change");
  c.host = Get<std::string>(j, "host", "a change");
  std::string where = c.Address();
  if (!ParseChangeKind(Get<std::string>(j, "kind", where), c.kind)) {
    throw PlanError("plan: unknown kind of " + where);
  }
  for (const json& f : Array(j, "fields", where)) {
    FieldChange& field = c.fields.emplace_back();
    field.field = Get<std::string>(f, "field", where);
    field.before = f.value("before", json());
    field.after = f.value("after", json());
    field.sensitive = Get<bool>(f, "sensitive", where);
    if (f.contains("display") && f.at("display").is_object()) {
      const json& display = f.at("display");
      if (display.value("before", json()).is_string()) field.before_display = display.at("before");
      if (display.value("after", json()).is_string()) field.after_display = display.at("after");
    }
    field.from_default = f.value("default", false);
  }
  for (const json& a : Array(j, "actions", where)) {
    c.actions.push_back({Get<std::string>(a, "kind", where), Get<std::string>(a, "summary", where),
                         Get<std::string>(a, "detail", where)});
  }
  c.reasons = Get<std::vector<std::string>>(j, "reasons", where);
  c.warnings = Get<std::vector<std::string>>(j, "warnings", where);
  c.problems = Get<std::vector<std::string>>(j, "problems", where);
  c.notifies = Get<std::vector<std::string>>(j, "notifies", where);
  c.destructive = Get<bool>(j, "destructive", where);
  if (!ParseDriftCause(Get<std::string>(j, "cause", where), c.cause)) {
    throw PlanError("plan: unknown cause of " + where);
  }
  c.fingerprint = Get<std::string>(j, "fingerprint", where);
  if (j.contains("measures")) c.measures = Get<std::map<std::string, double>>(j, "measures", where);
  if (j.contains("source") && !j.at("source").is_null()) {
    const json& s = j.at("source");
    c.source = catalog::SourceLocation{Get<std::string>(s, "file", where),
                                       Get<uint32_t>(s, "line", where),
                                       Get<uint32_t>(s, "col", where)};
  }
  return c;
}

namespace {

json RedactedCatalog(const catalog::Catalog& catalog) {
  json doc = catalog::ToJson(catalog);
  for (size_t i = 0; i < catalog.resources.size(); ++i) {
    for (const std::string& field : catalog.resources[i].sensitive) {
      json& fields = doc["resources"][i]["fields"];
      if (fields.contains(field)) fields[field] = "(sensitive)";
    }
  }
  return doc;
}

}  // namespace

json ToJson(const Plan& plan, bool redact_catalog) {
  PlanSummary s = Summarize(plan);
  json hosts = json::array();
  for (const HostPlan& h : plan.hosts) {
    json changes = json::array();
    for (const Change& c : h.changes) changes.push_back(ToJson(c));
    json handlers = json::array();
    for (const PlannedHandler& p : h.handlers) {
      handlers.push_back({{"id", p.id},
                          {"command", p.command},
                          {"notified_by", p.notified_by},
                          {"pending_since", p.pending_since},
                          {"pending_run", p.pending_run}});
    }
    json host = {
        {"host", h.host}, {"changes", changes}, {"handlers", handlers}, {"errors", h.errors}};
    if (!h.last_apply.empty()) host["last_apply"] = h.last_apply;
    hosts.push_back(std::move(host));
  }
  json suppressed = json::array();
  for (const SuppressedChange& sc : plan.suppressed) {
    suppressed.push_back({{"address", sc.change.Address()},
                          {"reason", sc.reason},
                          {"expires", sc.expires},
                          {"change", ToJson(sc.change)}});
  }
  json expired = json::array();
  for (const catalog::Suppression& e : plan.expired_suppressions) {
    expired.push_back({{"address", e.address}, {"reason", e.reason}, {"expires", e.expires}});
  }
  bool redacted = redact_catalog || plan.catalog_redacted;
  json doc = {
      {"format", "kilter-plan"},
      {"version", kPlanVersion},
      {"kind", plan.kind},
      {"created", plan.created},
      {"selected_hosts", plan.selected_hosts},
      {"shard",
       plan.shard ? json{{"index", plan.shard->index}, {"count", plan.shard->count}} : json()},
      {"summary",
       {{"create", s.create},
        {"update", s.update},
        {"replace", s.replace},
        {"delete", s.remove},
        {"handlers", s.handlers},
        {"errors", s.errors},
        {"problems", s.problems},
        {"destructive", s.destructive},
        {"suppressed", s.suppressed},
        {"expired_suppressions", s.expired_suppressions}}},
      {"hosts", hosts},
      {"suppressed", suppressed},
      {"expired_suppressions", expired},
      {"catalog_redacted", redacted},
      {"catalog", redacted ? RedactedCatalog(plan.catalog) : catalog::ToJson(plan.catalog)}};
  if (plan.duration_seconds) doc["duration_seconds"] = *plan.duration_seconds;
  return doc;
}

Plan PlanFromJson(const json& doc) {
  if (!doc.is_object() || doc.value("format", "") != "kilter-plan") {
    throw PlanError("not a kilter plan (no \"format\": \"kilter-plan\")");
  }
  int version = Get<int>(doc, "version", "the plan");
  if (version < kOldestPlanVersion || version > kPlanVersion) {
    throw PlanError(fmt::format("plan version {} is not supported (this kilter reads {} to {})",
                                version, kOldestPlanVersion, kPlanVersion));
  }
  Plan plan;
  plan.kind = Get<std::string>(doc, "kind", "the plan");
  plan.created = Get<std::string>(doc, "created", "the plan");
  plan.selected_hosts = Get<std::vector<std::string>>(doc, "selected_hosts", "the plan");
  plan.catalog_redacted = Get<bool>(doc, "catalog_redacted", "the plan");
  if (doc.contains("duration_seconds")) {
    plan.duration_seconds = Get<double>(doc, "duration_seconds", "the plan");
  }
  if (doc.contains("shard") && !doc.at("shard").is_null()) {
    const json& shard = doc.at("shard");
    plan.shard = Shard{Get<int>(shard, "index", "the shard"), Get<int>(shard, "count", "the shard")};
    if (plan.shard->index < 1 || plan.shard->index > plan.shard->count) {
      throw PlanError(fmt::format("plan: shard {} is not a share K/N with 1 <= K <= N",
                                  plan.shard->Name()));
    }
  }
  if (!doc.contains("catalog")) throw PlanError("plan: the plan has no \"catalog\"");
  try {
    plan.catalog = catalog::FromJson(doc.at("catalog"));
  } catch (const catalog::CatalogError& e) {
    throw PlanError(std::string("plan: ") + e.what());
  }
  for (const json& h : Array(doc, "hosts", "the plan")) {
    HostPlan host;
    host.host = Get<std::string>(h, "host", "a host");
    for (const json& c : Array(h, "changes", host.host)) host.changes.push_back(ChangeFromJson(c));
    for (const json& p : Array(h, "handlers", host.host)) {
      host.handlers.push_back({Get<std::string>(p, "id", host.host),
                               Get<std::string>(p, "command", host.host),
                               Get<std::vector<std::string>>(p, "notified_by", host.host),
                               Get<std::string>(p, "pending_since", host.host),
                               Get<std::string>(p, "pending_run", host.host)});
    }
    host.errors = Get<std::vector<std::string>>(h, "errors", host.host);
    if (h.contains("last_apply")) host.last_apply = Get<std::string>(h, "last_apply", host.host);
    plan.hosts.push_back(std::move(host));
  }
  for (const json& s : Array(doc, "suppressed", "the plan")) {
    plan.suppressed.push_back({ChangeFromJson(Get<json>(s, "change", "a suppression")),
                               Get<std::string>(s, "reason", "a suppression"),
                               Get<std::string>(s, "expires", "a suppression")});
  }
  for (const json& e : Array(doc, "expired_suppressions", "the plan")) {
    plan.expired_suppressions.push_back({Get<std::string>(e, "address", "a suppression"),
                                         Get<std::string>(e, "reason", "a suppression"),
                                         Get<std::string>(e, "expires", "a suppression")});
  }
  return plan;
}

}  // namespace kilter::reconciler
