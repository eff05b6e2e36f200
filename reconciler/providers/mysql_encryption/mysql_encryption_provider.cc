#include "reconciler/providers/mysql_encryption/mysql_encryption_provider.h"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "reconciler/providers/kit/live_then_persist.h"
#include "reconciler/providers/kit/mariadb_service.h"
#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/mysql_encryption/diff.h"
#include "reconciler/providers/mysql_encryption/host_state.h"

namespace kilter::reconciler::mysql_encryption {

using nlohmann::json;

namespace {

/// Runs `sql`; throws with the server's own message.
void RunSql(Transport& transport, const Settings& settings, const std::string& sql) {
  CommandResult r = transport.Run(mysql::ClientCommand(settings.Client(), sql));
  if (!r.ok()) throw std::runtime_error(r.Said());
}

/// Waits up to encrypt_timeout for the encryption threads to finish the
/// tables `r` covers; what is still rotating then is the next plan's problem.
void WaitForThreads(Transport& transport, const Settings& settings, const catalog::Resource& r) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(settings.encrypt_timeout);
  while (std::chrono::steady_clock::now() < deadline) {
    CommandResult out = transport.Run(mysql::ClientCommand(settings.Client(), StateSql()));
    if (!out.ok()) return;
    HostState state;
    ParseStateSql(out.out, state);
    bool done = true;
    for (const TableState* t : Covered(r, state))
      done = done && (t->encrypted() || t->opted_out() || t->engine != "InnoDB");
    if (done) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

/// The SET GLOBAL actions of `c`, each undone with the value the plan read.
std::vector<kit::LiveStep> LiveSteps(Transport& transport, const Settings& settings,
                                     const Change& c) {
  std::vector<kit::LiveStep> steps;
  json before = c.live.value("variables", json::object());
  for (const Action& a : c.actions) {
    if (a.kind != "sql" || a.summary.rfind("SET GLOBAL ", 0) != 0) continue;
    std::string name = a.summary.substr(11, a.summary.find(' ', 11) - 11);
    std::string undo = fmt::format("SET GLOBAL {} = {};\n", name, before.value(name, ""));
    steps.push_back(
        {name,
         [&transport, &settings, sql = a.summary + ";\n"] { RunSql(transport, settings, sql); },
         [&transport, &settings, undo] { RunSql(transport, settings, undo); }});
  }
  return steps;
}

/// The config check, the restart, and a wait for the server to answer.
void RestartServer(Transport& transport, const Settings& settings, const std::string& who) {
  kit::ServiceRestart how = settings.Restart();
  how.ready = [&] { return mysql::ServerAnswers(transport, settings.Client()); };
  try {
    kit::RestartChecked(transport, how);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: the option file is written, but {}", who, e.what()));
  }
}

/// The ALTER TABLEs the plan listed, in one client call (after any restart:
/// ENCRYPTED=YES needs the plugin).
void EncryptTables(Transport& transport, const Settings& settings, const Change& c,
                   const std::string& who) {
  std::string alters;
  for (const json& a : c.live.value("alters", json::array()))
    alters += a.get<std::string>() + ";\n";
  if (alters.empty()) return;
  try {
    RunSql(transport, settings, alters);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: encrypting tables: {}", who, e.what()));
  }
}

bool Has(const Change& c, const std::string& kind, const std::string& summary_prefix) {
  for (const Action& a : c.actions) {
    if (a.kind == kind && a.summary.rfind(summary_prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

LiveState MysqlEncryptionProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = Settings::From(context.settings);
  kit::BatchResult read =
      kit::Read(transport, ReadBatchFor(settings), context.host.name, "mysql.encryption");
  std::string key;
  if (!context.desired.empty()) {
    const json& k = context.desired.front()->fields.value("key_file", json());
    if (k.is_string()) key = k.get<std::string>();
  }
  return {StateFrom(context.host.name, settings, read, key).ToJson()};
}

std::vector<Change> MysqlEncryptionProvider::Diff(const ProviderContext& context,
                                                  const LiveState& live) {
  HostState state;
  try {
    state = HostState::FromJson(live.data);
  } catch (const json::exception& e) {
    throw ProviderError(fmt::format("{}: mysql.encryption: the record of the host is malformed "
                                    "({}); plan again",
                                    context.host.name, e.what()));
  }
  return DiffHost(context.host.name, context.desired, Settings::From(context.settings), state);
}

void MysqlEncryptionProvider::Apply(Transport& transport, const ProviderContext& context,
                                    const std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  std::string who = context.host.name + ": mysql.encryption";
  for (const Change& c : changes) {
    const catalog::Resource* r = context.Desired(c.name);
    if (!r)
      throw ProviderError(fmt::format("{}: {} is not declared", context.host.name, c.Address()));
    if (Has(c, "file", "write " + settings.key_path + " ")) {
      try {
        transport.WriteFile(settings.key_path, r->fields.at("key_file").get<std::string>(),
                            {0600, settings.key_owner, ""});
      } catch (const std::exception& e) {
        throw ProviderError(fmt::format("{}: writing the key file {}: {}", who, settings.key_path,
                                        e.what()));
      }
    }
    std::vector<kit::LiveStep> steps = LiveSteps(transport, settings, c);
    std::vector<kit::FileWrite> files;
    std::string path = settings.FileOf(r->name);
    if (Has(c, "file", "write " + path)) {
      std::optional<std::string> was;
      json known = c.live.value("files", json::object());
      if (known.contains(path)) was = known[path].get<std::string>();
      files.push_back({path, RenderFile(*r, context.host.name, settings), was});
    }
    kit::SetLiveThenPersist(
        steps,
        [&] {
          if (files.empty()) return;
          kit::WriteAllChecked(transport, files, 0644, [&] {
            kit::CheckConfig(transport,
                             mysql::ServerConfigCheck(settings.server, settings.config_file));
          });
        },
        who);
    bool restart = false;
    for (const Action& a : c.actions) restart = restart || a.kind == "restart";
    if (restart) RestartServer(transport, settings, who);
    EncryptTables(transport, settings, c, who);
    if (r->fields.at("tables").is_string() && (restart || !steps.empty())) {
      WaitForThreads(transport, settings, *r);
    }
  }
}

std::unique_ptr<Provider> MakeMysqlEncryptionProvider() {
  return std::make_unique<MysqlEncryptionProvider>();
}

}  // namespace kilter::reconciler::mysql_encryption
