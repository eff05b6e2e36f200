#include "reconciler/providers/redis_server/redis_provider.h"

#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/live_then_persist.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/redis_server/config_check.h"
#include "reconciler/providers/redis_server/declared.h"
#include "reconciler/providers/redis_server/diff.h"
#include "reconciler/providers/redis_server/host_read.h"
#include "reconciler/providers/redis_server/import.h"
#include "reconciler/providers/redis_server/settings.h"

namespace kilter::reconciler::redis_server {

using nlohmann::json;

namespace {

/// CONFIG SET `param` `value`, the value on stdin after the password (never
/// on a command line); throws with redis-server's own message.
void ConfigSet(Transport& transport, const Settings& settings, const catalog::Resource& r,
               const std::string& param, const std::string& value) {
  Command command;
  command.shell = CliCommand(settings, r) + " -x CONFIG SET " + ShellQuote(param);
  command.stdin_data = AuthLine(r) + value;
  CommandResult result = transport.Run(command);
  if (!result.ok()) {
    std::string said = result.out + result.err;
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    throw std::runtime_error(said.empty() ? result.Said() : said);
  }
}

/// The live value to put back: what Read saw (a password as the marker it
/// became: the declared one, or none).
std::string Previous(const DeclaredSetting& d, const std::string& seen) {
  if (d.kind != Kind::kSecret) return seen;
  return seen == kSameSecret ? d.value : "";
}

void AddChange(Transport& transport, const ProviderContext& context, const Settings& settings,
               const Change& c, std::vector<kit::LiveStep>& steps, std::vector<kit::FileWrite>& files,
               std::vector<kit::ConfigCheck>& checks) {
  const catalog::Resource* r = context.Desired(c.name);
  if (!r) throw ProviderError(fmt::format("{}: {} is not declared", context.host.name, c.Address()));
  ServerState state = ServerState::FromJson(c.live);
  for (const DeclaredSetting& d : DeclaredSettings(*r)) {
    if (d.takes != kit::Takes::kLive) continue;
    auto it = state.config.find(d.param);
    if (it == state.config.end()) continue;
    bool same = d.kind == Kind::kSecret
                    ? it->second == (d.value.empty() ? "" : kSameSecret)
                    : Canonical(d.kind, it->second) == Canonical(d.kind, d.value);
    if (same) continue;
    std::string before = Previous(d, it->second);
    steps.push_back({d.param, [&transport, &settings, r, d] {
                       ConfigSet(transport, settings, *r, d.param, d.value);
                     },
                     [&transport, &settings, r, d, before] {
                       ConfigSet(transport, settings, *r, d.param, before);
                     }});
  }
  if (state.owned_current) return;
  std::string path = OwnedPath(*r);
  files.push_back({path, RenderFile(*r, context.host.name), transport.ReadFile(path)});
  checks.push_back(ConfigCheck(settings, *r));
}

/// Restarts `r`'s server after its config check, waiting for PING.
void Restart(Transport& transport, const Settings& settings, const catalog::Resource& r) {
  kit::ServiceRestart how = RestartOf(settings, r);
  how.ready = [&] {
    Command ping;
    ping.shell = CliCommand(settings, r) + " PING";
    ping.stdin_data = AuthLine(r);
    CommandResult result = transport.Run(ping);
    return result.ok() && result.out.find("PONG") != std::string::npos;
  };
  kit::RestartChecked(transport, how);
}

}  // namespace

LiveState RedisProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = Settings::From(context.settings);
  kit::ReadBatch batch;
  for (const catalog::Resource* r : context.desired) AddReads(batch, settings, *r);
  json servers = json::object();
  if (batch.empty()) return {{{"servers", servers}}};
  kit::BatchResult read = kit::Read(transport, batch, context.host.name, "redis.server");
  for (const catalog::Resource* r : context.desired) {
    try {
      servers[r->name] = StateFrom(*r, read, RenderFile(*r, context.host.name)).ToJson();
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: {}: {} ({})", context.host.name, r->Address(), e.what(),
                                      Where(*r)));
    }
  }
  return {{{"servers", servers}}};
}

std::vector<Change> RedisProvider::Diff(const ProviderContext& context, const LiveState& live) {
  std::vector<Change> changes;
  for (const catalog::Resource* r : context.desired) {
    try {
      changes.push_back(DiffServer(context.host.name, *r, Settings::From(context.settings),
                                   ServerState::FromJson(live.data.at("servers").at(r->name))));
    } catch (const std::exception& e) {
      if (dynamic_cast<const ProviderError*>(&e)) throw;
      throw ProviderError(fmt::format("{}: {}: {}", context.host.name, r->Address(), e.what()));
    }
  }
  return changes;
}

void RedisProvider::Apply(Transport& transport, const ProviderContext& context,
                          const std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  std::vector<kit::LiveStep> steps;
  std::vector<kit::FileWrite> files;
  std::vector<kit::ConfigCheck> checks;
  for (const Change& c : changes) AddChange(transport, context, settings, c, steps, files, checks);
  std::string who = context.host.name + ": redis.server";
  kit::SetLiveThenPersist(steps, [&] {
    // The file may hold requirepass: readable by its owner and group only.
    kit::WriteAllChecked(transport, files, 0640, [&] {
      for (const kit::ConfigCheck& check : checks) kit::CheckConfig(transport, check);
    });
  }, who);
  for (const Change& c : changes) {
    bool restart = false;
    for (const Action& a : c.actions) restart = restart || a.kind == "restart";
    if (!restart) continue;
    try {
      Restart(transport, settings, *context.Desired(c.name));
    } catch (const std::exception& e) {
      throw ProviderError(fmt::format("{}: {}: the settings are persisted, but {}", who,
                                      c.Address(), e.what()));
    }
  }
}

std::vector<ImportFilter> RedisProvider::ImportFilters() const {
  return redis_server::ImportFilters();
}

kit::SpecFile RedisProvider::Import(Transport& transport, const ProviderContext& context,
                                    const ImportRequest& request) {
  return redis_server::Import(transport, context, request);
}

std::unique_ptr<Provider> MakeRedisProvider() { return std::make_unique<RedisProvider>(); }

}  // namespace kilter::reconciler::redis_server
