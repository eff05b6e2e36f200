#include "reconciler/providers/sysctl/diff.h"

#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/sysctl/key.h"

namespace kilter::reconciler::sysctl {

using nlohmann::json;

namespace {

const kit::PlaneWords kWords{"at boot", "the kernel's default"};

std::string Where(const catalog::Resource& r) {
  return fmt::format("{}:{}:{}", r.source.file, r.source.line, r.source.col);
}

/// kilter's files of this type on `host`, found by their mark.
std::vector<kit::OwnedFile> OwnedFiles(const HostState& state, const std::string& host) {
  std::vector<kit::OwnedFile> owned;
  for (const ConfFile& f : state.load_order) {
    std::optional<kit::OwnedFile> o = kit::ReadOwned(f.path, f.content, kit::Comment::kHash);
    if (o && o->type == kType && o->host == host) owned.push_back(std::move(*o));
  }
  return owned;
}

/// Two resources on one host giving a key different values: the host can
/// hold only one.
void CheckAgreement(const std::string& host, const std::vector<const catalog::Resource*>& desired) {
  std::map<std::string, std::pair<const catalog::Resource*, DeclaredKey>> seen;
  for (const catalog::Resource* r : desired) {
    for (const DeclaredKey& k : DeclaredKeys(*r)) {
      auto [it, fresh] = seen.emplace(k.normal, std::make_pair(r, k));
      const auto& [other, theirs] = it->second;
      if (fresh || CanonicalValue(theirs.value) == CanonicalValue(k.value)) continue;
      throw ProviderError(fmt::format(
          "{}: {} sets {} = \"{}\" ({}), but {} sets it to \"{}\" ({}): a host has one value of "
          "each kernel parameter; set it in one resource",
          host, r->Address(), k.written, k.value, Where(*r), other->Address(), theirs.value,
          Where(*other)));
    }
  }
}

/// The three planes of one declared key.
kit::SettingPlanes PlanesOf(const catalog::Resource& r, const DeclaredKey& k,
                            const HostState& state, const Persisted& persisted,
                            const std::vector<std::string>& owned_paths, const std::string& mine) {
  const ProcEntry& entry = state.proc.at(k.normal);
  std::string proc = "/proc/sys/" + ProcPath(k.normal);
  if (entry.state == ProcEntry::State::kMissing) {
    throw ProviderError(fmt::format("{}: {}: unknown kernel parameter {}: there is no {} ({})",
                                    r.host, r.Address(), k.written, proc, Where(r)));
  }
  if (entry.state == ProcEntry::State::kError) {
    throw ProviderError(fmt::format("{}: {}: cannot read {} for {}: {} ({})", r.host,
                                    r.Address(), proc, k.written, entry.value, Where(r)));
  }
  kit::SettingPlanes s;
  s.name = k.written;
  s.declared = {k.value, CanonicalValue(k.value)};
  s.live = kit::PlaneValue{entry.value, CanonicalValue(entry.value)};
  std::optional<Assignment> now = persisted.Effective(k.normal);
  // A file kilter does not own that the boot reads after kilter's decides
  // the value whatever kilter writes (an explicit line: kilter's is explicit too).
  std::optional<Assignment> foreign = persisted.Effective(k.normal, owned_paths);
  if (foreign && !foreign->glob && BaseName(foreign->file) > BaseName(mine) &&
      CanonicalValue(foreign->value) != s.declared.canonical) {
    now = foreign;
    s.overridden = true;
  }
  if (now) {
    s.persisted = kit::PlaneValue{now->value, CanonicalValue(now->value)};
    s.persisted_in = now->file;
  }
  return s;
}

/// The change for one declared resource.
Change DiffResource(const std::string& host, const catalog::Resource& r, const Settings& settings,
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
  Persisted persisted(state.load_order);
  std::vector<kit::SettingPlanes> planes;
  json proc = json::object();
  for (const DeclaredKey& k : DeclaredKeys(r)) {
    planes.push_back(PlanesOf(r, k, state, persisted, owned_paths, path));
    proc[k.normal] = state.proc.at(k.normal).value;
  }
  kit::PlanesVerdict verdict = kit::JudgePlanes(c, planes, kWords);
  c.live = {{"proc", proc}, {"files", json::object()}};
  if (current) c.live["files"][path] = current->content;

  if (!current && kit::Settled(verdict) && c.problems.empty()) {
    c.reasons.push_back(kit::WhyAdopted("writes " + path));
    return c;
  }
  bool file_ok = current && current->Is(want);
  if (!current) c.kind = ChangeKind::kCreate;
  else if (!file_ok || !verdict.set_live.empty()) c.kind = ChangeKind::kUpdate;
  if (!current) c.cause = DriftCause::kMissing;
  else if (!current->intact || verdict.hand_changed || !c.problems.empty()) {
    c.cause = DriftCause::kLiveChanged;
  } else if (c.kind != ChangeKind::kNothing) {
    c.cause = DriftCause::kSpecChanged;
  }
  if (c.kind == ChangeKind::kNothing) return c;

  for (const DeclaredKey& k : DeclaredKeys(r)) {
    for (const std::string& name : verdict.set_live) {
      if (name == k.written) {
        c.actions.push_back(
            {"command", fmt::format("set {} = {} live (/proc/sys)", k.written, k.value), ""});
      }
    }
  }
  if (!file_ok) {
    c.reasons.push_back(kit::WhyWrite(path, current != nullptr, current && current->intact));
    c.actions.push_back({"file", "write " + path,
                         kit::FileDiff(path, current ? std::optional(current->content)
                                                     : std::nullopt,
                                       want)});
  }
  return c;
}

}  // namespace

std::vector<DeclaredKey> DeclaredKeys(const catalog::Resource& resource) {
  std::vector<DeclaredKey> keys;
  for (const auto& [key, value] : resource.fields.at("values").items()) {
    try {
      keys.push_back({key, NormalKey(key), DeclaredValue(value)});
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: the value of {} {} ({})", resource.Address(), key,
                                      e.what(), Where(resource)));
    }
  }
  return keys;
}

std::string RenderFile(const catalog::Resource& resource, const std::string& host) {
  kit::FileToOwn file{kType, resource.name, host, kit::Comment::kHash, "", {}, ""};
  for (const DeclaredKey& k : DeclaredKeys(resource)) {
    file.body += k.written + " = " + k.value + "\n";
  }
  return kit::Render(file);
}

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state) {
  CheckAgreement(host, desired);
  std::vector<kit::OwnedFile> owned = OwnedFiles(state, host);
  std::vector<Change> changes;
  std::set<std::string> declared;
  for (const catalog::Resource* r : desired) {
    declared.insert(r->name);
    changes.push_back(DiffResource(host, *r, settings, state, owned));
  }
  auto is_declared = [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; };
  for (Change& c : kit::DeletesOfUndeclared(
           owned, kType, host, is_declared,
           "no longer declared in the specs: its file is removed; the live values stay until the "
           "next boot, which loads the other sysctl.d files")) {
    changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace kilter::reconciler::sysctl
