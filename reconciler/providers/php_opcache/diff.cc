#include "reconciler/providers/php_opcache/diff.h"

#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/php_opcache/directives.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

namespace {

/// Where a raw value came from, for reasons: the last file that sets it.
std::string SourceOf(const EffectiveDirective& d) {
  if (d.setters.empty()) return "PHP's built-in default";
  return d.setters.back().file;
}

std::string Raw(const json& value) { return value.is_string() ? value.get<std::string>() : ""; }

/// The managed files of resource `name`, found by their mark.
std::vector<const kit::OwnedFile*> FilesOf(const LiveConfig& live, const std::string& name) {
  std::vector<const kit::OwnedFile*> out;
  for (const kit::OwnedFile& f : live.managed) {
    if (f.name == name) out.push_back(&f);
  }
  return out;
}

/// The last file after kilter's `target` (in PHP's reading order) that sets
/// the directive, skipping files kilter owns: those are rewritten or removed
/// by this very plan.
const Setter* OverridingSetter(const LiveConfig& live, const EffectiveDirective& d,
                               const std::string& target) {
  std::set<std::string> owned;
  for (const kit::OwnedFile& f : live.managed) owned.insert(f.path);
  const Setter* last = nullptr;
  for (const Setter& s : d.setters) {
    if (s.file != target && !owned.count(s.file) && live.Order(s.file) > live.Order(target)) {
      last = &s;
    }
  }
  return last;
}

/// What kilter's file at `path` holds on the host, or nullopt.
std::optional<std::string> OwnedContent(const LiveConfig& live, const std::string& path) {
  for (const kit::OwnedFile& f : live.managed) {
    if (f.path == path) return f.content;
  }
  return std::nullopt;
}

/// The reload step of a change that writes or removes files: none where
/// the settings give no reload command (a host running PHP from the CLI only).
void AddReload(Change& change, const Settings& settings) {
  if (settings.reload.empty()) return;
  change.actions.push_back({"reload", "php-fpm (once per host, after the changes)", ""});
  change.notifies.push_back(kHandler);
}

void AddFileActions(Change& change, const FileOps& ops, const LiveConfig& live,
                    const Settings& settings) {
  for (const auto& [path, content] : ops.writes) {
    change.actions.push_back(
        {"file", "write " + path, kit::FileDiff(path, OwnedContent(live, path), content)});
  }
  for (const std::string& path : ops.removes) {
    change.actions.push_back(
        {"file", "remove " + path, kit::FileDiff(path, OwnedContent(live, path), std::nullopt)});
  }
  if (!ops.writes.empty() || !ops.removes.empty()) AddReload(change, settings);
}

/// The change for one declared resource.
Change DiffResource(const std::string& host, const catalog::Resource& r,
                    const Settings& settings, const LiveConfig& live) {
  DesiredFile want = RenderDesired(settings, r, host);
  Change c = Change::Of(r);
  json files = json::object();
  const kit::OwnedFile* current = nullptr;
  bool tampered = false;
  for (const kit::OwnedFile* f : FilesOf(live, r.name)) {
    files[f->path] = f->content;
    if (f->path == want.path) current = f;
    if (!f->intact) tampered = true;
  }
  json effective = json::object();
  bool overridden = false;
  for (const auto& [field, value] : r.fields.items()) {
    if (value.is_null() || IsWindowsOnly(field)) continue;
    std::string directive = DirectiveName(field);
    auto it = live.directives.find(directive);
    if (it == live.directives.end()) {
      c.warnings.push_back(fmt::format("PHP {} on {} has no directive {}: it is written but has "
                                       "no effect",
                                       live.php_version, host, directive));
      continue;
    }
    const EffectiveDirective& d = it->second;
    Field f = FieldOf(r, field);
    json have = NormalizeLive(f, value, d.value);
    effective[field] = {{"value", d.value}, {"source", SourceOf(d)}};
    if (have == Canonical(f, value)) continue;
    // A file PHP reads after kilter's decides the value whatever kilter
    // writes: a problem for the host's owner, not a change kilter can make.
    const Setter* later = OverridingSetter(live, d, want.path);
    if (later && NormalizeLive(f, value, later->value) != Canonical(f, value)) {
      overridden = true;
      c.problems.push_back(fmt::format(
          "{} is \"{}\", not {}: {} sets it after kilter's {}; kilter does not own that file "
          "(remove the setting from it)",
          directive, later->value, RenderIni(f, value), later->file, want.path));
      continue;
    }
    c.fields.push_back({field, have, value, false});
    c.reasons.push_back(fmt::format("{} is \"{}\" on the host (set by {})", directive,
                                    Raw(d.value), SourceOf(d)));
  }
  c.live = {{"files", files}, {"effective", effective}};

  if (files.empty() && c.fields.empty() && c.problems.empty()) {
    c.reasons.push_back(kit::WhyAdopted("writes " + want.path));
    return c;
  }
  c.kind = files.empty() ? ChangeKind::kCreate : ChangeKind::kUpdate;
  FileOps ops = OpsOf(c, settings, {&r}, host);
  bool file_ok = current && current->Is(want.content) && ops.removes.empty();
  if (file_ok && c.fields.empty()) {
    c.kind = ChangeKind::kNothing;
    if (overridden) c.cause = DriftCause::kLiveChanged;
    return c;
  }
  if (!current || !current->Is(want.content)) {
    c.reasons.push_back(kit::WhyWrite(want.path, current != nullptr, current && current->intact));
  }
  for (const std::string& path : ops.removes) {
    c.reasons.push_back(path + " is kilter's file for this resource under an old name");
  }
  if (files.empty()) c.cause = DriftCause::kMissing;
  else if (overridden || tampered || file_ok) c.cause = DriftCause::kLiveChanged;
  else c.cause = DriftCause::kSpecChanged;
  AddFileActions(c, ops, live, settings);
  return c;
}

/// The fields a removed file of resource `change.name` set: opcache
/// directives back to whatever PHP reads elsewhere.
void AddOrphanFields(Change& c, const LiveConfig& live) {
  for (const auto& [path, content] : c.live["files"].items()) {
    for (const auto& [directive, d] : live.directives) {
      for (const Setter& s : d.setters) {
        if (s.file == path) {
          c.fields.push_back({directive.substr(std::string("opcache.").size()), s.value, nullptr,
                              false});
        }
      }
    }
  }
}

}  // namespace

DesiredFile RenderDesired(const Settings& settings, const catalog::Resource& resource,
                          const std::string& host) {
  kit::FileToOwn file{kType, resource.name, host, kit::Comment::kSemicolon, "", {}, ""};
  for (const auto& [field, value] : resource.fields.items()) {
    if (value.is_null() || IsWindowsOnly(field)) continue;
    try {
      file.body += DirectiveName(field) + "=" + RenderIni(FieldOf(resource, field), value) + "\n";
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: {} ({}:{}:{})", resource.Address(), e.what(),
                                      resource.source.file, resource.source.line,
                                      resource.source.col));
    }
  }
  return {&resource, settings.ini_dir + "/" + FileNameFor(settings.file_name, resource.name),
          kit::Render(file)};
}

std::string FileNameFor(const std::string& pattern, const std::string& name) {
  std::string out = pattern;
  size_t pos = out.find("{name}");
  if (pos != std::string::npos) out.replace(pos, 6, kit::FileNamePart(name));
  return out;
}

FileOps OpsOf(const Change& change, const Settings& settings,
              const std::vector<const catalog::Resource*>& desired, const std::string& host) {
  FileOps ops;
  if (change.kind == ChangeKind::kNothing) return ops;
  json files = change.live.is_object() && change.live.contains("files") ? change.live["files"]
                                                                         : json::object();
  std::string target;
  if (change.kind != ChangeKind::kDelete) {
    for (const catalog::Resource* r : desired) {
      if (r->name != change.name) continue;
      DesiredFile want = RenderDesired(settings, *r, host);
      target = want.path;
      if (!files.contains(target) || files[target] != want.content) {
        ops.writes.emplace_back(want.path, want.content);
      }
    }
  }
  for (const auto& [path, content] : files.items()) {
    if (path != target) ops.removes.push_back(path);
  }
  return ops;
}

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const LiveConfig& live) {
  std::vector<Change> changes;
  std::set<std::string> declared;
  std::map<std::string, std::string> paths;
  for (const catalog::Resource* r : desired) {
    declared.insert(r->name);
    std::string path = settings.ini_dir + "/" + FileNameFor(settings.file_name, r->name);
    auto [it, fresh] = paths.emplace(path, r->name);
    if (!fresh) {
      throw ProviderError(fmt::format(
          "{}: php.opcache \"{}\" and \"{}\" would both be written to {}; rename one", host,
          it->second, r->name, path));
    }
    changes.push_back(DiffResource(host, *r, settings, live));
  }
  // A file of a declared resource under another path is that resource's
  // change to remove (DiffResource); only undeclared names are deleted here.
  auto is_declared = [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; };
  for (Change& c : kit::DeletesOfUndeclared(
           live.managed, kType, host, is_declared,
           "no longer declared in the specs: PHP goes back to the values its other files set")) {
    AddOrphanFields(c, live);
    AddReload(c, settings);
    changes.push_back(std::move(c));
  }
  for (Change& c : changes) {
    if (!live.startup_errors.empty()) {
      c.warnings.push_back("PHP reports while starting: " + live.startup_errors);
    }
  }
  return changes;
}

}  // namespace kilter::reconciler::php_opcache
