#include "reconciler/providers/bluegreen/bluegreen_provider.h"

#include <fmt/format.h>

#include <set>

#include "reconciler/providers/bluegreen/health.h"
#include "reconciler/providers/bluegreen/service.h"
#include "reconciler/providers/bluegreen/switch.h"
#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/checked_by.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/import_recorded.h"
#include "reconciler/providers/kit/owned_file.h"

namespace kilter::reconciler {

using bluegreen::Service;
using bluegreen::Settings;
using nlohmann::json;

namespace {

std::vector<Service> Services(const ProviderContext& ctx) {
  std::vector<Service> services;
  for (const catalog::Resource* r : ctx.desired) services.push_back(Service::From(*r));
  return services;
}

/// Managed files, and the health of every server of every slot (checked in
/// parallel) and of each frontend: one command for the whole host.
kit::ReadBatch ReadsOf(const Settings& s, const std::vector<Service>& services) {
  kit::ReadBatch batch;
  batch.AddGlob("conf", s.conf_dir, "kilter-*.conf", /*contents=*/true);
  for (size_t i = 0; i < services.size(); ++i) {
    const Service& svc = services[i];
    for (const auto& [slot, servers] : svc.slots) {
      for (const kit::NginxServer& server : servers) {
        batch.AddCommand(fmt::format("{} {} {}", i, slot, server.address),
                         bluegreen::HealthScript(s, svc, bluegreen::ServerUrl(svc, server.address)), "",
                         /*background=*/true);
      }
    }
    if (!svc.frontend.empty()) {
      batch.AddCommand(fmt::format("{} @frontend", i),
                       bluegreen::HealthScript(s, svc, bluegreen::FrontendUrl(svc)), "",
                       /*background=*/true);
    }
  }
  return batch;
}

std::string SlotHealth(const json& slot_health) {
  std::string out;
  for (const auto& [address, h] : slot_health.items()) {
    out += fmt::format("{}{} {} ({})", out.empty() ? "" : "; ", address,
                       h.value("healthy", false) ? "healthy" : "UNHEALTHY", h.value("answer", ""));
  }
  return out;
}

bool SlotHealthy(const json& slot_health) {
  for (const auto& [address, h] : slot_health.items()) {
    if (!h.value("healthy", false)) return false;
  }
  return !slot_health.empty();
}

class BlueGreenProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "bluegreen.service"; }
  std::vector<std::string> types() const override { return {"bluegreen.service"}; }

  std::vector<ImportFilter> ImportFilters() const override {
    return {{"service", "a service by name (default: every service kilter's nginx files hold)"}};
  }

  /// One batch: kilter's nginx files, whose records hold each service's fields.
  kit::SpecFile Import(Transport& transport, const ProviderContext& ctx,
                       const ImportRequest& request) override {
    Settings s = Settings::From(ctx.settings);
    kit::BatchResult read = kit::Read(transport, ReadsOf(s, {}), ctx.host.name, "bluegreen services");
    return kit::ImportRecorded(read,
                               {"bluegreen.service", "conf", "service",
                                {"health.timeout", "health.interval", "drain_timeout",
                                 "slots.*.fail_timeout"}},
                               ctx, request);
  }

  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<Service> services = Services(ctx);
    kit::BatchResult read =
        kit::Read(transport, ReadsOf(s, services), ctx.host.name, "bluegreen services");
    json live = {{"files", json::object()}, {"services", json::array()}};
    for (size_t i = 0; i < services.size(); ++i)
      live["services"].push_back({{"slots", json::object()}});
    for (const std::string& path : read.Glob("conf")) {
      if (read.File(path).regular) live["files"][path] = read.File(path).content;
    }
    for (const auto& [key, r] : read.commands) {
      size_t space = key.find(' ');
      size_t index = std::stoul(key.substr(0, space));
      const Service& service = services[index];
      json& svc = live["services"][index];
      std::string rest = key.substr(space + 1);
      if (rest == "@frontend") {
        bluegreen::Health h =
            bluegreen::JudgeHealth(service, bluegreen::FrontendUrl(service), "", r);
        svc["frontend"] = {{"healthy", h.healthy}, {"answer", h.answer}};
        continue;
      }
      size_t split = rest.find(' ');
      std::string slot = rest.substr(0, split), address = rest.substr(split + 1);
      bluegreen::Health h = bluegreen::JudgeHealth(
          service, bluegreen::ServerUrl(service, address), service.Version(slot), r);
      svc["slots"][slot][address] = {{"healthy", h.healthy}, {"answer", h.answer}};
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<Service> services = Services(ctx);
    const json& live = state.data;
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (size_t i = 0; i < services.size(); ++i) {
      changes.push_back(DiffService(s, services[i], *ctx.desired[i], kit::CheckedBy(ctx, *ctx.desired[i]),
                                    live, live["services"][i]));
      declared.insert(services[i].name);
    }
    std::vector<kit::OwnedFile> owned;
    for (const auto& [path, file] : live["files"].items()) {
      if (auto f = kit::ReadOwned(path, file.get<std::string>(), kit::Comment::kHash)) {
        owned.push_back(std::move(*f));
      }
    }
    for (Change& del : kit::DeletesOfUndeclared(
             owned, name(), ctx.host.name,
             [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; },
             "no longer declared in the specs: its upstreams go away")) {
      del.destructive = true;
      del.actions.push_back({"command", "nginx -t, then nginx -s reload", ""});
      changes.push_back(std::move(del));
    }
    return changes;
  }

  void Validate(Transport& transport, const ProviderContext& ctx,
                std::vector<Change>& changes) override {
    (void)transport;
    (void)ctx;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kCreate && c.kind != ChangeKind::kUpdate) continue;
      std::string target = c.desired.value("active", "");
      const json& slot = c.live["health"][target];
      if (!SlotHealthy(slot)) {
        throw ProviderError(
            fmt::format("{}: refusing to make slot {} live: it fails its health checks: {}",
                        c.Address(), target, SlotHealth(slot)));
      }
    }
  }

  void Apply(Transport& transport, const ProviderContext& ctx,
             const std::vector<Change>& changes) override {
    Settings s = Settings::From(ctx.settings);
    for (const Change& c : changes) {
      if (c.kind == ChangeKind::kDelete) {
        bluegreen::RemoveService(transport, s, c);
        continue;
      }
      if (c.kind == ChangeKind::kNothing) continue;
      for (const catalog::Resource* r : ctx.desired) {
        if (r->name == c.name) bluegreen::Switch(transport, ctx, s, Service::From(*r), c);
      }
    }
  }

 private:
  Change DiffService(const Settings& s, const Service& svc, const catalog::Resource& resource,
                     const std::vector<kit::HealthCheck>& checks, const json& live,
                     const json& health) const {
    Change c = Change::Of(resource);
    std::string path = svc.ConfPath(s);
    bool exists = live["files"].contains(path);
    std::string current = exists ? live["files"][path].get<std::string>() : "";
    std::string want = bluegreen::RenderConf(svc);
    std::optional<kit::OwnedFile> owned = kit::ReadOwned(path, current, kit::Comment::kHash);
    std::string live_active = owned ? owned->Record("active") : "";
    c.live = {{"path", path}, {"content", current}, {"active", live_active}, {"health", health["slots"]}};
    c.fingerprint = kit::Sha256Hex(current);
    for (const auto& [slot, servers] : health["slots"].items()) {
      std::string role = slot == live_active ? "live" : (slot == svc.active ? "target" : "idle");
      c.reasons.push_back(fmt::format("slot {} ({}): {}", slot, role, SlotHealth(servers)));
    }
    if (!live_active.empty() && health["slots"].contains(live_active) &&
        !SlotHealthy(health["slots"][live_active])) {
      c.problems.push_back(fmt::format("the live slot {} fails its health checks: {}", live_active,
                                       SlotHealth(health["slots"][live_active])));
    }
    if (health.contains("frontend") && !health["frontend"].value("healthy", false)) {
      c.problems.push_back(fmt::format("the frontend {} fails its health check ({})",
                                       bluegreen::FrontendUrl(svc),
                                       health["frontend"].value("answer", "")));
    }
    if (owned && owned->Is(want)) return c;
    c.kind = exists ? ChangeKind::kUpdate : ChangeKind::kCreate;
    c.cause = kit::CauseOf(exists, owned);
    if (c.cause == DriftCause::kLiveChanged) c.reasons.push_back(path + " was edited on the host");
    c.fields = kit::FieldsSinceRecorded(owned, exists, resource.fields);
    if (live_active != svc.active) {
      c.actions.push_back({"switch",
                           fmt::format("switch {}: {} → {}", svc.name,
                                       live_active.empty() ? "(none)" : live_active, svc.active),
                           ""});
    }
    std::optional<std::string> on_host = exists ? std::optional(current) : std::nullopt;
    c.actions.push_back({"file", "write " + path, kit::FileDiff(path, on_host, want)});
    c.actions.push_back({"command", "nginx -t, nginx -s reload, then check the new workers serve", ""});
    if (!svc.frontend.empty()) {
      c.actions.push_back(
          {"command",
           "check health through " + bluegreen::FrontendUrl(svc) + "; roll back on failure", ""});
    }
    if (!checks.empty()) {
      c.actions.push_back(kit::CheckedByAction(
          checks, live_active.empty() ? "remove the upstream again"
                                      : "switch back to " + live_active + " (proven)"));
    }
    for (const std::string& address : bluegreen::ToDrain(svc, live_active)) {
      c.actions.push_back(
          {"command",
           fmt::format("drain {}: wait until nginx holds no connection to it (at most {}s)",
                       address, static_cast<double>(svc.drain_timeout.count()) / 1000.0),
           ""});
    }
    return c;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeBlueGreenProvider() { return std::make_unique<BlueGreenProvider>(); }

}  // namespace kilter::reconciler
