#include "reconciler/providers/bluegreen/switch.h"

#include <fmt/format.h>

#include <optional>

#include "reconciler/providers/bluegreen/health.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::bluegreen {

namespace {

CommandResult Shell(Transport& transport, std::string script) {
  Command command;
  command.shell = std::move(script);
  return transport.Run(command);
}

/// Health of a set of URLs, checked now: healthy only if every one is.
struct Check {
  bool healthy = true;
  std::string summary;
};

Check CheckUrls(Transport& transport, const Settings& s, const Service& svc,
                const std::vector<std::pair<std::string, std::string>>& urls,
                const std::vector<std::string>& texts) {
  kit::ReadBatch batch;
  for (const auto& [key, url] : urls) batch.AddCommand(key, HealthScript(s, svc, url, texts));
  Check check;
  kit::BatchResult read = kit::Read(transport, batch, svc.Address(), "the health checks");
  for (const auto& [key, url] : urls) {
    const kit::CommandRead& r = read.Command(key);
    check.healthy &= r.ok();
    check.summary += fmt::format("{}{} {} ({})", check.summary.empty() ? "" : "; ", key,
                                 r.ok() ? "healthy" : "UNHEALTHY", r.out);
  }
  return check;
}

void Restore(Transport& transport, const std::string& path, const std::optional<std::string>& old) {
  if (old)
    transport.WriteFile(path, *old, {0644, "", ""});
  else
    transport.Remove(path);
}

/// Reload, proven serving; "" on success, else what went wrong.
std::string Reload(Transport& transport, const Settings& s) {
  CommandResult r = Shell(transport, ReloadAndVerifyScript(s));
  return r.ok() ? "" : (r.out + r.err);
}

}  // namespace

void Switch(Transport& transport, const Settings& s, const Service& svc, const Change& change) {
  std::vector<std::pair<std::string, std::string>> servers;
  for (const Server& server : svc.slots.at(svc.active)) {
    servers.push_back({server.address, ServerUrl(svc, server)});
  }
  Check target = CheckUrls(transport, s, svc, servers, svc.ExpectedTexts(svc.active));
  if (!target.healthy) {
    throw ProviderError(fmt::format("{}: refusing to make slot {} live, nothing was changed: {}",
                                    svc.Address(), svc.active, target.summary));
  }
  std::string path = svc.ConfPath(s);
  std::string previous = change.live.value("active", "");
  std::optional<std::string> old = transport.ReadFile(path);
  transport.WriteFile(path, RenderConf(svc), {0644, "", ""});

  CommandResult test = Shell(transport, s.nginx + " -t");
  if (!test.ok()) {
    Restore(transport, path, old);
    throw ProviderError(
        fmt::format("{}: nginx -t rejected the new configuration; the previous file "
                    "was restored: {}",
                    svc.Address(), test.err.empty() ? test.out : test.err));
  }
  if (std::string failed = Reload(transport, s); !failed.empty()) {
    Restore(transport, path, old);
    std::string again = Reload(transport, s);
    throw ProviderError(
        fmt::format("{}: the reload did not take effect ({}); the previous file was "
                    "restored{}",
                    svc.Address(), failed,
                    again.empty() ? " and is serving" : ", but reloading it failed too: " + again));
  }
  if (svc.frontend.empty()) return;
  Check after =
      CheckUrls(transport, s, svc, {{"frontend", FrontendUrl(svc)}}, svc.ExpectedTexts(svc.active));
  if (after.healthy) return;
  Restore(transport, path, old);
  std::string again = Reload(transport, s);
  throw ProviderError(fmt::format(
      "{}: after switching to {}, the health check through the frontend "
      "failed: {}; rolled back to {}{}",
      svc.Address(), svc.active, after.summary, previous.empty() ? "no upstream" : previous,
      again.empty() ? "" : ", but the rollback reload failed: " + again));
}

void RemoveService(Transport& transport, const Settings& s, const Change& change) {
  const nlohmann::json& files = change.live["files"];
  std::string paths;
  for (const auto& [path, content] : files.items()) {
    transport.Remove(path);
    paths += (paths.empty() ? "" : ", ") + path;
  }
  CommandResult test = Shell(transport, s.nginx + " -t");
  if (!test.ok()) {
    for (const auto& [path, content] : files.items()) {
      transport.WriteFile(path, content.get<std::string>(), {0644, "", ""});
    }
    throw ProviderError(fmt::format("{}: nginx still needs its upstreams (nginx -t: {}); the file was "
                                    "restored",
                                    change.Address(), test.err.empty() ? test.out : test.err));
  }
  if (std::string failed = Reload(transport, s); !failed.empty()) {
    throw ProviderError(fmt::format("{}: removed {}, but the reload did not take effect: {}",
                                    change.Address(), paths, failed));
  }
}

}  // namespace kilter::reconciler::bluegreen
