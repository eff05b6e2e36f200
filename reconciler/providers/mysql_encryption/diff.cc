#include "reconciler/providers/mysql_encryption/diff.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/mysql_option_files.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/providers/mysql_encryption/key_file.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_encryption {

using nlohmann::json;

namespace {

constexpr const char* kType = "mysql.encryption";

bool All(const catalog::Resource& r) {
  const json& t = r.fields.at("tables");
  return t.is_string();
}

/// The declared value of each variable kilter's file sets, as written there.
std::vector<std::pair<std::string, std::string>> DeclaredOf(const catalog::Resource& r,
                                                            const Settings& settings) {
  auto on = [&](const char* field) { return r.fields.at(field).get<bool>() ? "ON" : "OFF"; };
  return {{"plugin_load_add", "file_key_management"},
          {"file_key_management_filename", settings.key_path},
          {"innodb_encrypt_tables", All(r) ? "ON" : "OFF"},
          {"innodb_encrypt_log", on("redo_log")},
          {"innodb_encrypt_temporary_tables", on("temporary")},
          {"innodb_encryption_threads", std::to_string(r.fields.at("threads").get<int>())}};
}

/// A value as compared: ON/1/TRUE are one, OFF/0/FALSE another, case aside.
std::string Canonical(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v == "1" || v == "true") return "on";
  if (v == "0" || v == "false") return "off";
  return v;
}

std::string Quoted(const std::string& table) {
  size_t dot = table.find('.');
  return fmt::format("`{}`.`{}`", table.substr(0, dot), table.substr(dot + 1));
}

std::string Where(const catalog::Resource& r) {
  return fmt::format("{}:{}:{}", r.source.file, r.source.line, r.source.col);
}

/// The key file: written when missing (or with the wrong mode or owner),
/// never replaced when it holds another key (that would lose the data).
void JudgeKey(Change& c, const Settings& settings, const KeyFileState& key) {
  std::string write = fmt::format("write {} (mode 0600, owner {})", settings.key_path,
                                  settings.key_owner);
  if (!key.exists) {
    c.reasons.push_back(settings.key_path + " does not exist");
    c.fields.push_back({"key_file", nullptr, "(sensitive)", true});
  } else if (!key.same) {
    c.problems.push_back(fmt::format(
        "the key file {} holds another key than the declared one (compared by digest): kilter "
        "does not replace it, since the data encrypted with it could no longer be read; restore "
        "the declared key, or declare the one on the host",
        settings.key_path));
    return;
  } else if (key.mode != "600" || key.owner != settings.key_owner) {
    c.reasons.push_back(fmt::format("{} is mode {} owned by {}", settings.key_path, key.mode,
                                    key.owner));
    c.fields.push_back({"key_file (mode, owner)", fmt::format("0{} {}", key.mode, key.owner),
                        fmt::format("0600 {}", settings.key_owner)});
  } else {
    return;
  }
  c.actions.push_back({"file", write, "(content hidden: sensitive)"});
}

Change DiffOne(const catalog::Resource& r, const std::string& host, const Settings& settings,
               const HostState& state) {
  Change c = Change::Of(r);
  if (std::optional<std::string> bad = KeyFileError(r.fields.value("key_file", std::string()))) {
    throw ProviderError(
        fmt::format("{}: {}: key_file: {} ({})", host, c.Address(), *bad, Where(r)));
  }
  std::string path = settings.FileOf(r.name);
  std::string want = RenderFile(r, host, settings);
  std::optional<kit::OwnedFile> current;
  if (auto it = state.files.find(path); it != state.files.end()) {
    current = kit::ReadOwned(path, it->second, kit::Comment::kHash);
  }
  bool file_ok = current && current->Is(want);

  std::vector<kit::SettingPlanes> planes;
  for (const auto& [name, value] : DeclaredOf(r, settings)) {
    kit::SettingPlanes s;
    s.name = name;
    s.declared = {value, Canonical(value)};
    if (name == "plugin_load_add") {
      s.live = state.plugin_active ? kit::PlaneValue{value, Canonical(value)}
                                   : kit::PlaneValue{"not loaded", ""};
    } else if (auto v = state.variables.find(name); v != state.variables.end()) {
      s.live = kit::PlaneValue{v->second, Canonical(v->second)};
    }
    // Without the plugin no variable of encryption can change live.
    bool dynamic = name == "innodb_encrypt_tables" || name == "innodb_encryption_threads";
    s.takes = dynamic && state.plugin_active ? kit::Takes::kLive : kit::Takes::kAtRestart;
    if (auto p = state.persisted.find(name); p != state.persisted.end()) {
      s.persisted = kit::PlaneValue{p->second.first, Canonical(p->second.first)};
      s.persisted_in = p->second.second;
      s.overridden = file_ok && s.persisted->canonical != s.declared.canonical &&
                     mysql::SetAfter(state.others, path, name).has_value();
    }
    planes.push_back(std::move(s));
  }
  kit::PlaneWords words = kit::RestartWords({"when the server restarts", "the server's default"},
                                            r, settings.Restart());
  kit::PlanesVerdict verdict = kit::JudgePlanes(c, planes, words);
  JudgeKey(c, settings, state.key);

  // The tables: ALTER where the threads will not encrypt one (a list, or
  // ENCRYPTED=NO); else the threads' work, waited for by apply.
  bool effective = state.plugin_active || verdict.restart;
  bool converged = state.plugin_active && verdict.set_live.empty() && !verdict.restart &&
                   !verdict.pending;
  bool hand = false;
  std::vector<std::string> missing;
  std::vector<std::string> alters;
  bool convert = r.fields.value("convert_to_innodb", false);
  for (const TableState* t : Covered(r, state, &missing)) {
    if (t->encrypted()) continue;
    std::string field = "encrypted " + t->name;
    if (t->engine != "InnoDB" && !(convert && t->engine == "MyISAM")) {
      c.problems.push_back(fmt::format(
          "{} is not encrypted: it is a {} table, and kilter encrypts InnoDB tables{}", t->name,
          t->engine, t->engine == "MyISAM" ? " (convert_to_innodb = true converts it)" : ""));
    } else if (!effective) {
      c.problems.push_back(fmt::format(
          "{} is not encrypted: it waits for the server restart that loads file_key_management",
          t->name));
    } else if (t->engine != "InnoDB") {
      c.fields.push_back({field, false, true});
      c.reasons.push_back(t->name + " is a MyISAM table: converted to InnoDB to be encrypted");
      alters.push_back(fmt::format("ALTER TABLE {} ENGINE=InnoDB ENCRYPTED=YES", Quoted(t->name)));
    } else if (!All(r) || t->opted_out()) {
      hand = hand || t->opted_out();
      c.fields.push_back({field, false, true});
      c.reasons.push_back(
          t->opted_out() ? t->name + " is not encrypted: it was created or altered ENCRYPTED=NO"
                         : t->name + " is not encrypted");
      alters.push_back(fmt::format("ALTER TABLE {} ENCRYPTED=YES", Quoted(t->name)));
    } else if (converged) {
      c.problems.push_back(fmt::format(
          "{} is not encrypted yet: {}", t->name,
          t->rotating ? "still rotating (the encryption threads are at work on it)"
                      : "the encryption threads have not reached it yet"));
    } else {
      c.fields.push_back({field, false, true});
      c.reasons.push_back(t->name + " is not encrypted: the encryption threads encrypt it once "
                                    "innodb_encrypt_tables is ON");
    }
  }
  for (const std::string& m : missing) {
    c.problems.push_back(fmt::format("{} is not a table of the server", m));
  }
  c.live = {{"files", json::object()}, {"alters", alters}, {"variables", state.variables}};
  if (current) c.live["files"][path] = current->content;

  if (!current) c.kind = ChangeKind::kCreate;
  else if (!file_ok || !verdict.set_live.empty() || verdict.restart || !c.actions.empty() ||
           !alters.empty() || !c.fields.empty()) {
    c.kind = ChangeKind::kUpdate;
  }
  if (!current) c.cause = DriftCause::kMissing;
  else if (!current->intact || verdict.hand_changed || hand) c.cause = DriftCause::kLiveChanged;
  else if (c.kind != ChangeKind::kNothing) c.cause = DriftCause::kSpecChanged;
  if (c.kind == ChangeKind::kNothing) return c;

  for (const auto& [name, value] : DeclaredOf(r, settings)) {
    if (std::find(verdict.set_live.begin(), verdict.set_live.end(), name) !=
        verdict.set_live.end()) {
      c.actions.push_back({"sql", fmt::format("SET GLOBAL {} = {}", name, value), ""});
    }
  }
  if (!file_ok) {
    c.reasons.push_back(kit::WhyWrite(path, current.has_value(), current && current->intact));
    c.actions.push_back(
        {"file", "write " + path,
         kit::FileDiff(path, current ? std::optional(current->content) : std::nullopt, want)});
  }
  if (verdict.restart) c.actions.push_back(kit::RestartAction(settings.Restart()));
  for (const std::string& a : alters) c.actions.push_back({"sql", a, ""});
  return c;
}

}  // namespace

std::vector<const TableState*> Covered(const catalog::Resource& r, const HostState& state,
                                       std::vector<std::string>* missing) {
  std::vector<const TableState*> covered;
  if (All(r)) {
    for (const TableState& t : state.tables) covered.push_back(&t);
    return covered;
  }
  for (const json& name : r.fields.at("tables")) {
    auto it = std::find_if(state.tables.begin(), state.tables.end(),
                           [&](const TableState& t) { return t.name == name; });
    if (it != state.tables.end()) covered.push_back(&*it);
    else if (missing) missing->push_back(name.get<std::string>());
  }
  return covered;
}

std::string RenderFile(const catalog::Resource& resource, const std::string& host,
                       const Settings& settings) {
  kit::FileToOwn file{kType, resource.name, host, kit::Comment::kHash, "", {}, "[mysqld]\n"};
  for (const auto& [name, value] : DeclaredOf(resource, settings)) {
    file.body += name + " = " + value + "\n";
  }
  return kit::Render(file);
}

std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state) {
  if (desired.size() > 1) {
    throw ProviderError(fmt::format(
        "{}: mysql.encryption: {} and {} both configure the server's encryption ({} and {}); a "
        "server has one key file: declare one",
        host, desired[0]->Address(), desired[1]->Address(), Where(*desired[0]),
        Where(*desired[1])));
  }
  std::vector<Change> changes;
  for (const catalog::Resource* r : desired) changes.push_back(DiffOne(*r, host, settings, state));
  return changes;
}

}  // namespace kilter::reconciler::mysql_encryption
