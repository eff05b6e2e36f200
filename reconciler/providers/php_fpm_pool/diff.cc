#include "reconciler/providers/php_fpm_pool/diff.h"

#include <set>

#include <fmt/format.h>

#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/providers/php_fpm_pool/pool_file.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_fpm_pool {

using nlohmann::json;

namespace {

kit::PlaneWords Words(const Settings& settings) {
  kit::PlaneWords words{"when PHP-FPM reloads", "PHP-FPM's default"};
  words.pending = "reload pending";
  words.on_apply = settings.reload.empty()
                       ? "nothing reloads PHP-FPM here (the reload setting is empty)"
                       : "apply reloads PHP-FPM (handler php-fpm: " + settings.reload + ")";
  return words;
}

std::vector<kit::OwnedFile> OwnedFiles(const HostState& state, const std::string& host) {
  std::vector<kit::OwnedFile> owned;
  for (const PoolFile& f : state.files) {
    std::optional<kit::OwnedFile> o = kit::ReadOwned(f.path, f.content, kit::Comment::kSemicolon);
    if (o && o->type == kType && o->host == host) owned.push_back(std::move(*o));
  }
  return owned;
}

/// The value a pool's status page reports for `directive`, where it reports one.
std::optional<std::string> StatusValue(const StatusRead* status, const std::string& directive) {
  if (!status || !status->ok) return std::nullopt;
  const json& page = status->page;
  if (directive == "pm") return page.value("process manager", "");
  if (directive == "pm.max_children" && page.value("process manager", "") == "static") {
    return std::to_string(page.value("total processes", 0));
  }
  return std::nullopt;
}

/// The pool files that changed after the master last loaded its
/// configuration: FPM does not use them yet.
std::vector<std::string> Unloaded(const HostState& state, const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  if (!state.running) return out;
  for (const PoolFile& f : state.files) {
    for (const std::string& p : paths) {
      if (f.path == p && f.mtime > state.loaded_at) out.push_back(p);
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

Change DiffPool(const std::string& host, const catalog::Resource& r, const Settings& settings,
                const HostState& state, const std::vector<kit::OwnedFile>& owned) {
  Change c = Change::Of(r);
  std::string path = settings.FileOf(r.name);
  std::string want = RenderFile(r, host);
  const kit::OwnedFile* current = nullptr;
  std::vector<std::string> owned_paths;
  for (const kit::OwnedFile& f : owned) {
    owned_paths.push_back(f.path);
    if (f.path == path) current = &f;
  }
  PersistedPools persisted(state.files);
  std::vector<std::string> pool_files = persisted.FilesOf(r.name);
  std::vector<std::string> unloaded = Unloaded(state, pool_files);
  // What the master runs is what the files held when it last loaded them.
  bool loaded = state.running && persisted.Defines(r.name) && unloaded.empty();
  auto status_it = state.status.find(r.name);
  const StatusRead* status = status_it == state.status.end() ? nullptr : &status_it->second;

  std::vector<kit::SettingPlanes> planes;
  for (const Directive& d : DeclaredDirectives(r)) {
    kit::SettingPlanes s;
    s.name = d.name;
    s.declared = {d.value, Canonical(d.name, d.value)};
    s.takes = kit::Takes::kAtRestart;
    std::optional<Assignment> now = persisted.Effective(r.name, d.name);
    std::optional<Assignment> foreign = persisted.Effective(r.name, d.name, owned_paths);
    // A file kilter does not own, loaded after kilter's, decides the value.
    if (foreign && foreign->file > path && Canonical(d.name, foreign->value) != s.declared.canonical) {
      s.overridden = true;
      now = foreign;
    }
    if (now) {
      s.persisted = kit::PlaneValue{now->value, Canonical(d.name, now->value)};
      s.persisted_in = now->file;
    }
    std::optional<Assignment> effective = persisted.Effective(r.name, d.name);
    if (loaded && effective) {
      s.live = kit::PlaneValue{effective->value, Canonical(d.name, effective->value)};
    }
    if (std::optional<std::string> v = StatusValue(status, d.name)) {
      s.live = kit::PlaneValue{*v, Canonical(d.name, *v)};
    }
    planes.push_back(std::move(s));
  }
  kit::PlanesVerdict verdict = kit::JudgePlanes(c, planes, Words(settings));
  c.live = {{"files", json::object()}};
  if (current) c.live["files"][path] = current->content;

  if (!state.running) {
    c.warnings.push_back(fmt::format(
        "PHP-FPM is not running ({} names no live process): the pool's values take effect when "
        "it starts",
        settings.pid_file));
  }
  if (status && !status->ok) {
    c.warnings.push_back(fmt::format(
        "the status page {} could not be read through {}: {}; live values are those of the "
        "pool files PHP-FPM loaded",
        r.fields.at("status_path").get<std::string>(),
        ConnectAddress(r.fields.at("listen").get<std::string>()), status->error));
  }
  bool file_ok = current && current->Is(want);
  if (!unloaded.empty() && file_ok && !verdict.persist && !verdict.pending) {
    c.problems.push_back(fmt::format(
        "reload pending: {} changed after PHP-FPM last loaded its configuration; the pool "
        "takes effect when PHP-FPM reloads",
        Join(unloaded)));
  }

  if (!current && kit::Settled(verdict) && c.problems.empty()) {
    c.reasons.push_back(kit::WhyAdopted("writes " + path));
    return c;
  }
  if (!current) c.kind = ChangeKind::kCreate;
  else if (!file_ok) c.kind = ChangeKind::kUpdate;
  if (!current) c.cause = DriftCause::kMissing;
  else if (!current->intact || verdict.hand_changed || !c.problems.empty()) {
    c.cause = DriftCause::kLiveChanged;
  } else if (c.kind != ChangeKind::kNothing) {
    c.cause = DriftCause::kSpecChanged;
  }
  if (c.kind == ChangeKind::kNothing) return c;

  c.reasons.push_back(kit::WhyWrite(path, current != nullptr, current && current->intact));
  c.actions.push_back(
      {"file", "write " + path,
       kit::FileDiff(path, current ? std::optional(current->content) : std::nullopt, want)});
  c.notifies.push_back(kHandler);
  return c;
}

}  // namespace

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state) {
  if (!desired.empty() && !state.conf_exists) {
    throw ProviderError(fmt::format("{}: php.fpm_pool: {} does not exist (the `conf` setting)",
                                    host, settings.conf));
  }
  if (!desired.empty() && !state.includes_pool_dir) {
    throw ProviderError(fmt::format(
        "{}: php.fpm_pool: {} does not include {}/*.conf, so kilter's pool files there would "
        "have no effect; set `pool_dir` and `conf` in [providers.\"php.fpm_pool\"] so they agree",
        host, settings.conf, settings.pool_dir));
  }
  std::vector<kit::OwnedFile> owned = OwnedFiles(state, host);
  std::vector<Change> changes;
  std::set<std::string> declared;
  for (const catalog::Resource* r : desired) {
    declared.insert(r->name);
    changes.push_back(DiffPool(host, *r, settings, state, owned));
  }
  auto is_declared = [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; };
  for (Change& c : kit::DeletesOfUndeclared(
           owned, kType, host, is_declared,
           "no longer declared in the specs: its pool file is removed and PHP-FPM reloads "
           "without the pool")) {
    c.notifies.push_back(kHandler);
    changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace kilter::reconciler::php_fpm_pool
