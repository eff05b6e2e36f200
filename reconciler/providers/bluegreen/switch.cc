#include "reconciler/providers/bluegreen/switch.h"

#include <fmt/format.h>

#include <optional>

#include "reconciler/providers/bluegreen/health.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/checked_by.h"
#include "reconciler/providers/kit/nginx_apply.h"
#include "reconciler/providers/kit/nginx_drain.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::bluegreen {

namespace {

/// Health of a set of URLs, checked now: healthy only if every one is.
struct Check {
  bool healthy = true;
  std::string summary;
};

Check CheckUrls(Transport& transport, const Settings& s, const Service& svc,
                const std::vector<std::pair<std::string, std::string>>& urls,
                const std::string& version) {
  kit::ReadBatch batch;
  for (const auto& [key, url] : urls) batch.AddCommand(key, HealthScript(s, svc, url));
  Check check;
  kit::BatchResult read = kit::Read(transport, batch, svc.Address(), "the health checks");
  for (const auto& [key, url] : urls) {
    Health h = JudgeHealth(svc, url, version, read.Command(key));
    check.healthy &= h.healthy;
    check.summary += fmt::format("{}{} {} ({})", check.summary.empty() ? "" : "; ", key,
                                 h.healthy ? "healthy" : "UNHEALTHY", h.answer);
  }
  return check;
}

}  // namespace

void Switch(Transport& transport, const ProviderContext& context, const Settings& s,
            const Service& svc, const Change& change) {
  std::vector<kit::HealthCheck> checks = kit::CheckedBy(context, *context.Desired(svc.name));
  std::vector<std::pair<std::string, std::string>> servers;
  for (const kit::NginxServer& server : svc.slots.at(svc.active)) {
    servers.push_back({server.address, ServerUrl(svc, server.address)});
  }
  Check target = CheckUrls(transport, s, svc, servers, svc.Version(svc.active));
  if (!target.healthy) {
    throw ProviderError(fmt::format("{}: refusing to make slot {} live, nothing was changed: {}",
                                    svc.Address(), svc.active, target.summary));
  }
  std::string path = svc.ConfPath(s);
  std::string previous = change.live.value("active", "");
  std::vector<kit::FileWrite> writes = {{path, RenderConf(svc), transport.ReadFile(path)}};
  kit::ApplyNginxFiles(transport, s.nginx, svc.Address(), writes);
  std::string back = previous.empty() ? "no slot was live before, and none is now"
                                      : "switched back: slot " + previous + " serves again";
  if (!svc.frontend.empty()) {
    Check after = CheckUrls(transport, s, svc, {{"frontend", FrontendUrl(svc)}},
                            svc.Version(svc.active));
    if (!after.healthy) {
      std::string again = kit::RestoreNginxFiles(transport, s.nginx, writes);
      throw ProviderError(fmt::format(
          "{}: after switching to {}, the health check through the frontend failed: {}; {}",
          svc.Address(), svc.active, after.summary,
          again.empty() ? back : "switching back to " + previous + " failed: " + again));
    }
  }
  kit::CheckAfterNginxApply(transport, context, s.nginx,
                            fmt::format("{}: after switching to {}", svc.Address(), svc.active),
                            writes, checks, back);
  for (const std::string& address : ToDrain(svc, previous)) {
    kit::WaitDrained(transport, s.ss, svc.Address(), address, svc.drain_timeout,
                     "is out of the live upstream");
  }
}

void RemoveService(Transport& transport, const Settings& s, const Change& change) {
  std::vector<kit::FileWrite> writes;
  for (const auto& [path, content] : change.live["files"].items()) {
    writes.push_back({path, std::nullopt, content.get<std::string>()});
  }
  kit::ApplyNginxFiles(transport, s.nginx, change.Address(), writes);
}

}  // namespace kilter::reconciler::bluegreen
