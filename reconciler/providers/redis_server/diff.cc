#include "reconciler/providers/redis_server/diff.h"

#include <algorithm>

#include <fmt/format.h>

#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/redis_server/config_check.h"
#include "reconciler/providers/redis_server/config_files.h"
#include "reconciler/providers/redis_server/declared.h"
#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

using nlohmann::json;

namespace {

/// The live plane of a rename: the name the command answers to now.
kit::PlaneValue RenameLive(const DeclaredSetting& d, const ServerState& state) {
  std::string command = Lower(d.param.substr(d.param.find(' ') + 1));
  auto has = [&](const std::string& name) {
    return std::find(state.commands.begin(), state.commands.end(), Lower(name)) !=
           state.commands.end();
  };
  if (has(command)) return {command, command};
  if (!d.value.empty() && has(d.value)) return {d.value, Lower(d.value)};
  return {"(disabled)", ""};
}

/// The secret's planes are what Read made of them: kSameSecret or not.
kit::PlaneValue SecretValue(const std::string& scrubbed) {
  if (scrubbed.empty()) return {"\"\" (none)", ""};
  return {scrubbed, scrubbed};
}

kit::SettingPlanes PlanesOf(const catalog::Resource& r, const DeclaredSetting& d,
                            const ServerState& state, const LoadOrder& order) {
  kit::SettingPlanes s;
  s.name = d.param;
  s.takes = d.takes;
  bool secret = d.kind == Kind::kSecret;
  if (secret) s.declared = d.value.empty() ? SecretValue("") : SecretValue(kSameSecret);
  else if (d.kind == Kind::kRename) s.declared = {d.shown, Lower(d.value)};
  else s.declared = {d.shown, Canonical(d.kind, d.value)};

  if (d.kind == Kind::kRename) {
    s.live = RenameLive(d, state);
  } else {
    auto it = state.config.find(d.param);
    if (it == state.config.end()) {
      throw ProviderError(fmt::format(
          "{}: {}: {}: redis-server has no parameter {} (CONFIG GET * does not list it) ({})",
          r.host, r.Address(), d.field, d.param, Where(r)));
    }
    s.live = secret ? SecretValue(it->second) : kit::PlaneValue{it->second, Canonical(d.kind, it->second)};
  }
  std::optional<Effective> now = EffectiveOf(order, Lower(d.param));
  if (now) {
    s.persisted = secret ? SecretValue(now->value) : kit::PlaneValue{now->value, Canonical(d.kind, now->value)};
    s.persisted_in = now->file;
    s.overridden = !now->owned && now->index >= order.owned_end;
  }
  return s;
}

/// The engine shows a size or duration field in the unit the spec wrote
/// when its values are numbers (bytes, milliseconds): maxmemory 0B → 1GiB.
void AsNumbers(Change& c, const std::vector<DeclaredSetting>& declared) {
  for (FieldChange& f : c.fields) {
    for (const DeclaredSetting& d : declared) {
      bool quantity = d.kind == Kind::kMemory || (d.kind == Kind::kNumber && d.field != "databases");
      if (f.field != d.field || d.field != d.param || !quantity) continue;
      long long factor = d.kind == Kind::kMemory ? 1 : 1000;
      std::string before = Canonical(d.kind, f.before.is_string() ? f.before.get<std::string>() : "");
      if (before.empty() || before.find_first_not_of("0123456789") != std::string::npos) break;
      f.before = std::stoll(before) * factor;
      f.after = std::stoll(d.value) * factor;
      f.before_display.clear();
      f.after_display.clear();
    }
  }
}

}  // namespace

std::string RenderFile(const catalog::Resource& r, const std::string& host) {
  kit::FileToOwn file{kType, r.name, host, kit::Comment::kHash, "", {}, ""};
  file.body = "# Included by " + r.fields.value("config_file", std::string()) +
              "; set live with CONFIG SET by kilter.\n";
  for (const DeclaredSetting& d : DeclaredSettings(r)) file.body += d.file_line + "\n";
  return kit::Render(file);
}

Change DiffServer(const std::string& host, const catalog::Resource& r, const Settings& settings,
                  const ServerState& state) {
  std::string config_file = r.fields.value("config_file", std::string());
  std::string path = OwnedPath(r);
  if (!state.files.count(config_file)) {
    throw ProviderError(fmt::format("{}: {}: cannot read config_file {} ({})", host, r.Address(),
                                    config_file, Where(r)));
  }
  LoadOrder order = Load(config_file, state.files, path);
  if (!order.includes_owned) {
    throw ProviderError(fmt::format(
        "{}: {}: {} does not include kilter's file, so nothing kilter sets would survive a "
        "restart; add this line at its end (kilter never edits it): include {} ({})",
        host, r.Address(), config_file, path, Where(r)));
  }
  Change c = Change::Of(r);
  std::vector<kit::SettingPlanes> planes;
  for (const DeclaredSetting& d : DeclaredSettings(r)) planes.push_back(PlanesOf(r, d, state, order));
  kit::PlaneWords words = kit::RestartWords(
      {"when redis-server restarts", "redis-server's default"}, r, RestartOf(settings, r));
  kit::PlanesVerdict verdict = kit::JudgePlanes(c, planes, words);
  AsNumbers(c, DeclaredSettings(r));
  for (FieldChange& f : c.fields) {
    if (f.field.rfind("requirepass", 0) == 0) f.sensitive = true;
  }
  for (const std::string& missing : order.missing) {
    c.problems.push_back(fmt::format(
        "{} includes {}, which does not exist: redis-server would not start", config_file, missing));
  }
  c.live = state.ToJson();
  if (!state.owned_exists && kit::Settled(verdict) && c.problems.empty()) {
    c.reasons.push_back(kit::WhyAdopted("writes " + path));
    return c;
  }

  bool file_ok = state.owned_current;
  if (!state.owned_exists) c.kind = ChangeKind::kCreate;
  else if (!file_ok || !verdict.set_live.empty() || verdict.restart) c.kind = ChangeKind::kUpdate;
  if (!state.owned_exists) c.cause = DriftCause::kMissing;
  else if (!state.owned_intact || verdict.hand_changed || !c.problems.empty()) {
    c.cause = DriftCause::kLiveChanged;
  } else if (c.kind != ChangeKind::kNothing) {
    c.cause = DriftCause::kSpecChanged;
  }
  if (c.kind == ChangeKind::kNothing) return c;

  for (const DeclaredSetting& d : DeclaredSettings(r)) {
    if (std::find(verdict.set_live.begin(), verdict.set_live.end(), d.param) ==
        verdict.set_live.end()) {
      continue;
    }
    c.actions.push_back({"command", fmt::format("CONFIG SET {} {}", d.param, QuoteConfigWord(
                                                    d.kind == Kind::kSecret ? d.shown : d.value)),
                         ""});
  }
  if (!file_ok) {
    c.reasons.push_back(kit::WhyWrite(path, state.owned_exists, state.owned_intact));
    std::string secret = r.fields.value("requirepass", json()).is_string()
                             ? r.fields["requirepass"].get<std::string>()
                             : "";
    std::optional<std::string> before;
    if (state.files.count(path)) before = state.files.at(path);
    c.actions.push_back({"file", "write " + path,
                         kit::FileDiff(path, before, Scrub(RenderFile(r, host), secret))});
  }
  if (verdict.restart) c.actions.push_back(kit::RestartAction(RestartOf(settings, r)));
  return c;
}

}  // namespace kilter::reconciler::redis_server
