#include "reconciler/providers/mysql_server/diff.h"

#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/providers/kit/mysql_option_files.h"
#include "reconciler/providers/mysql_server/value.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_server {

using nlohmann::json;

namespace {

std::string Where(const catalog::Resource& r) {
  return fmt::format("{}:{}:{}", r.source.file, r.source.line, r.source.col);
}

/// The server's variable `d` names, and `d` in its terms; a ProviderError
/// naming the resource and its location when the server would not take it.
std::pair<const ServerVariable*, ServerValue> Resolve(const catalog::Resource& r,
                                                      const Declared& d,
                                                      const ServerState& state) {
  auto it = state.variables.find(d.name);
  if (it == state.variables.end()) {
    throw ProviderError(fmt::format("{}: {}: the server ({}) has no variable {} ({})", r.host,
                                    r.Address(), state.version, d.name, Where(r)));
  }
  try {
    return {&it->second, ToServer(d, it->second)};
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: {}: {} ({})", r.host, r.Address(), e.what(), Where(r)));
  }
}

/// Two resources on one host declaring a variable differently: the server
/// holds one value.
void CheckAgreement(const std::vector<const catalog::Resource*>& desired) {
  std::map<std::string, std::pair<const catalog::Resource*, json>> seen;
  for (const catalog::Resource* r : desired) {
    for (const Declared& d : DeclaredOf(*r)) {
      auto [it, fresh] = seen.emplace(d.name, std::make_pair(r, d.value));
      if (fresh || it->second.second == d.value) continue;
      const catalog::Resource* other = it->second.first;
      throw ProviderError(fmt::format(
          "{}: {} sets {} = {} ({}), but {} sets it to {} ({}): the server holds one value of "
          "each variable; set it in one resource",
          r->host, r->Address(), d.name, d.value.dump(), Where(*r), other->Address(),
          it->second.second.dump(), Where(*other)));
    }
  }
}

std::vector<kit::OwnedFile> OwnedFiles(const ServerState& state, const std::string& host) {
  std::vector<kit::OwnedFile> owned;
  for (const auto& [path, content] : state.files) {
    std::optional<kit::OwnedFile> o = kit::ReadOwned(path, content, kit::Comment::kHash);
    if (o && o->type == kType && o->host == host) owned.push_back(std::move(*o));
  }
  return owned;
}

Change DiffResource(const std::string& host, const catalog::Resource& r, const Settings& settings,
                    const ServerState& state, const std::vector<kit::OwnedFile>& owned) {
  Change c = Change::Of(r);
  std::string path = settings.FileOf(r.name);
  std::string want = RenderFile(r, host, state);
  const kit::OwnedFile* current = nullptr;
  for (const kit::OwnedFile& f : owned) {
    if (f.path == path) current = &f;
  }
  bool file_ok = current && current->Is(want);
  std::string options_from =
      settings.config_file.empty() ? "the server's option files" : settings.config_file;

  std::vector<kit::SettingPlanes> planes;
  json live = json::object();
  std::vector<std::string> unread;
  std::vector<std::pair<std::string, std::string>> sql;  // name -> SET GLOBAL value
  for (const Declared& d : DeclaredOf(r)) {
    auto [var, value] = Resolve(r, d, state);
    kit::SettingPlanes s;
    s.name = d.name;
    s.declared = {value.shown, value.canonical};
    s.live = kit::PlaneValue{Shown(var->value, *var, d), Canonical(var->value, *var)};
    s.takes = var->read_only ? kit::Takes::kAtRestart : kit::Takes::kLive;
    auto option = state.options.find(d.name);
    if (option != state.options.end()) {
      s.persisted = kit::PlaneValue{Shown(option->second, *var, d), Canonical(option->second, *var)};
      // kilter's file holds the declared value, yet the server starts with
      // another: a file it reads later sets it again; named where it is one
      // of the include directory's.
      s.overridden = file_ok && s.persisted->canonical != value.canonical;
      std::optional<std::string> later = mysql::SetAfter(state.others, path, d.name);
      s.persisted_in = s.overridden && later ? *later : options_from;
    } else if (file_ok) {
      unread.push_back(d.name);
    }
    live[d.name] = VariableToJson(*var);
    sql.emplace_back(d.name, value.sql);
    planes.push_back(std::move(s));
  }
  kit::PlaneWords words = kit::RestartWords({"when the server restarts", "the server's default"},
                                            r, settings.Restart());
  kit::PlanesVerdict verdict = kit::JudgePlanes(c, planes, words);
  if (!unread.empty()) {
    c.problems.push_back(fmt::format(
        "the server does not read {}: `{} --mysqld` lists none of its options; add "
        "`!includedir {}` to {}, or set include_dir to a directory it includes",
        path, settings.print_defaults, settings.include_dir, options_from));
  }
  c.live = {{"variables", live}, {"files", json::object()}};
  if (current) c.live["files"][path] = current->content;
  if (!current && kit::Settled(verdict) && c.problems.empty()) {
    c.reasons.push_back(kit::WhyAdopted("writes " + path));
    return c;
  }

  if (!current) c.kind = ChangeKind::kCreate;
  else if (!file_ok || !verdict.set_live.empty() || verdict.restart) c.kind = ChangeKind::kUpdate;
  if (!current) c.cause = DriftCause::kMissing;
  else if (!current->intact || verdict.hand_changed || !c.problems.empty()) {
    c.cause = DriftCause::kLiveChanged;
  } else if (c.kind != ChangeKind::kNothing) {
    c.cause = DriftCause::kSpecChanged;
  }
  if (c.kind == ChangeKind::kNothing) return c;
  for (const auto& [name, value] : sql) {
    for (const std::string& set : verdict.set_live) {
      if (set == name) c.actions.push_back({"sql", fmt::format("SET GLOBAL {} = {}", name, value), ""});
    }
  }
  if (!file_ok) {
    c.reasons.push_back(kit::WhyWrite(path, current != nullptr, current && current->intact));
    c.actions.push_back({"file", "write " + path,
                         kit::FileDiff(path, current ? std::optional(current->content)
                                                     : std::nullopt,
                                       want)});
  }
  if (verdict.restart) c.actions.push_back(kit::RestartAction(settings.Restart()));
  return c;
}

}  // namespace

std::string RenderFile(const catalog::Resource& resource, const std::string& host,
                       const ServerState& state) {
  kit::FileToOwn file{kType, resource.name, host, kit::Comment::kHash, "", {}, "[mysqld]\n"};
  for (const Declared& d : DeclaredOf(resource)) {
    file.body += d.name + " = " + Resolve(resource, d, state).second.option + "\n";
  }
  return kit::Render(file);
}

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const ServerState& state) {
  CheckAgreement(desired);
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
           "no longer declared in the specs: its option file is removed; the live values stay "
           "until the server restarts")) {
    changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace kilter::reconciler::mysql_server
