#include "reconciler/providers/mysql_server/mysql_server_provider.h"

#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/live_then_persist.h"
#include "reconciler/providers/kit/mariadb_service.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/mysql_server/diff.h"
#include "reconciler/providers/mysql_server/host_read.h"
#include "reconciler/providers/mysql_server/import.h"
#include "reconciler/providers/mysql_server/value.h"

namespace kilter::reconciler::mysql_server {

using nlohmann::json;

namespace {

std::vector<std::string> NamesOf(const ProviderContext& context) {
  std::set<std::string> names;
  for (const catalog::Resource* r : context.desired) {
    for (const Declared& d : DeclaredOf(*r)) names.insert(d.name);
  }
  return {names.begin(), names.end()};
}

/// `SET GLOBAL name = value`; throws with the server's own message.
void SetGlobal(Transport& transport, const Settings& settings, const std::string& name,
               const std::string& value) {
  CommandResult r = transport.Run(
      mysql::ClientCommand(settings.Client(), fmt::format("SET GLOBAL {} = {};\n", name, value)));
  if (!r.ok()) throw std::runtime_error(r.Said());
}

}  // namespace

LiveState MysqlServerProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = Settings::From(context.settings);
  kit::BatchResult read = kit::Read(transport, ReadBatchFor(settings, NamesOf(context)),
                                    context.host.name, "mysql.server");
  return {StateFrom(context.host.name, settings, read).ToJson()};
}

std::vector<Change> MysqlServerProvider::Diff(const ProviderContext& context,
                                              const LiveState& live) {
  try {
    return DiffHost(context.host.name, context.desired, Settings::From(context.settings),
                    ServerState::FromJson(live.data));
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: mysql.server: {}", context.host.name, e.what()));
  }
}

void MysqlServerProvider::Apply(Transport& transport, const ProviderContext& context,
                                const std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  std::vector<kit::LiveStep> steps;
  std::vector<kit::FileWrite> files;
  bool restart = false;
  for (const Change& c : changes) {
    for (const Action& a : c.actions) restart = restart || a.kind == "restart";
    json known = c.live.is_object() ? c.live.value("files", json::object()) : json::object();
    if (c.kind == ChangeKind::kDelete) {
      for (const auto& [path, content] : known.items()) {
        files.push_back({path, std::nullopt, content.get<std::string>()});
      }
      continue;
    }
    const catalog::Resource* r = context.Desired(c.name);
    if (!r) {
      throw ProviderError(fmt::format("{}: {} is not declared", context.host.name, c.Address()));
    }
    // The variables as the plan read them: what SET GLOBAL puts back.
    ServerState state;
    try {
      for (const auto& [name, v] : c.live.at("variables").items()) {
        state.variables[name] = VariableFromJson(v);
      }
    } catch (const json::exception& e) {
      throw ProviderError(fmt::format("{}: {}: the plan's record of the server variables is "
                                      "malformed ({}); plan again",
                                      context.host.name, c.Address(), e.what()));
    }
    for (const Declared& d : DeclaredOf(*r)) {
      const ServerVariable& var = state.variables.at(d.name);
      ServerValue want = ToServer(d, var);
      if (var.read_only || Canonical(var.value, var) == want.canonical) continue;
      std::string before = SqlOf(var.value, var);
      steps.push_back({d.name,
                       [&transport, &settings, name = d.name, sql = want.sql] {
                         SetGlobal(transport, settings, name, sql);
                       },
                       [&transport, &settings, name = d.name, before] {
                         SetGlobal(transport, settings, name, before);
                       }});
    }
    std::string path = settings.FileOf(r->name);
    std::string want = RenderFile(*r, context.host.name, state);
    std::optional<std::string> before;
    if (known.contains(path)) before = known[path].get<std::string>();
    if (before != want) files.push_back({path, want, before});
  }
  std::string who = context.host.name + ": mysql.server";
  kit::SetLiveThenPersist(steps, [&] {
    if (files.empty()) return;
    kit::WriteAllChecked(transport, files, 0644,
                         [&] { kit::CheckConfig(transport, settings.ConfigCheck()); });
  }, who);
  if (!restart) return;
  kit::ServiceRestart how = settings.Restart();
  how.ready = [&] { return mysql::ServerAnswers(transport, settings.Client()); };
  try {
    kit::RestartChecked(transport, how);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: the variables are persisted, but {}", who, e.what()));
  }
}

std::vector<ImportFilter> MysqlServerProvider::ImportFilters() const {
  return mysql_server::ImportFilters();
}

kit::SpecFile MysqlServerProvider::Import(Transport& transport, const ProviderContext& context,
                                          const ImportRequest& request) {
  return mysql_server::Import(transport, context, request);
}

std::unique_ptr<Provider> MakeMysqlServerProvider() {
  return std::make_unique<MysqlServerProvider>();
}

}  // namespace kilter::reconciler::mysql_server
