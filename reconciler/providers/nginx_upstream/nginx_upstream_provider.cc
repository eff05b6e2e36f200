#include "reconciler/providers/nginx_upstream/nginx_upstream_provider.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/checked_by.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/import_recorded.h"
#include "reconciler/providers/kit/nginx_apply.h"
#include "reconciler/providers/kit/nginx_drain.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/importer.h"
#include "reconciler/providers/nginx_upstream/upstream.h"

namespace kilter::reconciler::nginx_upstream {

using nlohmann::json;

namespace {

const char kType[] = "nginx.upstream";

std::string Seconds(std::chrono::milliseconds ms) {
  return fmt::format("{}s", static_cast<double>(ms.count()) / 1000.0);
}

/// What the read says of a drained server: its established connections
/// from this host as counted (a number), or why they could not be (text).
std::string DrainReason(const std::string& address, const json& counted) {
  if (counted.is_number()) {
    int n = counted.get<int>();
    if (n == 0) {
      return fmt::format("{} is drained: marked down, no established connection to it", address);
    }
    return fmt::format("{} is marked down; {} established connection(s) to it remain", address, n);
  }
  if (counted.is_string()) {
    return fmt::format("{} is marked down; its connections could not be counted: {}", address,
                       counted.get<std::string>());
  }
  return fmt::format("{} is marked down", address);
}

class NginxUpstreamProvider : public Provider, public Importer {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  std::vector<ImportFilter> ImportFilters() const override {
    return {{"upstream", "an upstream by name (default: every upstream kilter's files hold)"}};
  }

  /// One batch: kilter's upstream files, whose records hold each upstream's fields.
  kit::SpecFile Import(Transport& transport, const ProviderContext& ctx,
                       const ImportRequest& request) override {
    Settings s = Settings::From(ctx.settings);
    kit::ReadBatch batch;
    batch.AddGlob("conf", s.conf_dir, "kilter-upstream-*.conf", /*contents=*/true);
    kit::BatchResult read = kit::Read(transport, batch, ctx.host.name, "nginx upstreams");
    return kit::ImportRecorded(
        read, {kType, "conf", "upstream", {"servers.fail_timeout", "drain_timeout"}}, ctx, request);
  }

  /// One batch: every file of kilter's upstreams in conf_dir, and the
  /// established connections to each drained server (in parallel).
  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    Settings s = Settings::From(ctx.settings);
    kit::ReadBatch batch;
    batch.AddGlob("conf", s.conf_dir, "kilter-upstream-*.conf", /*contents=*/true);
    for (const catalog::Resource* r : ctx.desired) {
      for (const std::string& address : DrainedAddresses(r->fields)) {
        if (address.rfind("unix:", 0) == 0) continue;
        batch.AddCommand(r->name + " " + address, kit::ConnectionsScript(s.ss, address), "",
                         /*background=*/true);
      }
    }
    kit::BatchResult read = kit::Read(transport, batch, ctx.host.name, "nginx upstreams");
    json live = {{"files", json::object()}, {"connections", json::object()}};
    for (const std::string& path : read.Glob("conf")) {
      if (read.File(path).regular) live["files"][path] = read.File(path).content;
    }
    for (const auto& [key, r] : read.commands) {
      live["connections"][key] =
          r.ok() ? json(std::stoi(r.out)) : json(catalog::Trim(r.err.empty() ? r.out : r.err));
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = Settings::From(ctx.settings);
    const json& files = state.data["files"];
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (const catalog::Resource* r : ctx.desired) {
      changes.push_back(DiffUpstream(s, Upstream::From(*r), *r, kit::CheckedBy(ctx, *r), files,
                                     state.data["connections"]));
      declared.insert(r->name);
    }
    std::vector<kit::OwnedFile> owned;
    for (const auto& [path, content] : files.items()) {
      if (auto f = kit::ReadOwned(path, content.get<std::string>(), kit::Comment::kHash)) {
        owned.push_back(std::move(*f));
      }
    }
    for (Change& del : kit::DeletesOfUndeclared(
             owned, kType, ctx.host.name,
             [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; },
             "no longer declared in the specs: the upstream goes away")) {
      del.destructive = true;
      del.actions.push_back(
          {"command", "nginx -t, nginx -s reload, then prove the new workers", ""});
      changes.push_back(std::move(del));
    }
    return changes;
  }

  /// Every file of every change in one nginx apply (one -t, one reload),
  /// then the wait for each newly drained server.
  void Apply(Transport& transport, const ProviderContext& ctx,
             const std::vector<Change>& changes) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<kit::FileWrite> writes;
    std::string who;
    for (const Change& c : changes) {
      who += (who.empty() ? "" : ", ") + c.Address();
      if (c.kind == ChangeKind::kDelete) {
        for (const auto& [path, content] : c.live["files"].items()) {
          writes.push_back({path, std::nullopt, content.get<std::string>()});
        }
        continue;
      }
      const catalog::Resource* r = ctx.Desired(c.name);
      if (!r) continue;
      Upstream u = Upstream::From(*r);
      std::optional<std::string> before;
      if (c.live.value("exists", false)) before = c.live["content"].get<std::string>();
      writes.push_back({u.ConfPath(s), RenderConf(u), before});
    }
    if (writes.empty()) return;
    kit::ApplyNginxFiles(transport, s.nginx, who, writes);
    kit::CheckAfterNginxApply(transport, ctx, s.nginx, who, writes, kit::CheckedBy(ctx, changes),
                              "the previous files were restored and nginx serves them");
    for (const Change& c : changes) {
      const catalog::Resource* r = c.kind == ChangeKind::kDelete ? nullptr : ctx.Desired(c.name);
      if (!r) continue;
      Upstream u = Upstream::From(*r);
      for (const std::string& address : DrainedAddresses(u.fields)) {
        kit::WaitDrained(transport, s.ss, c.Address(), address, u.drain_timeout);
      }
    }
  }

 private:
  Change DiffUpstream(const Settings& s, const Upstream& u, const catalog::Resource& resource,
                      const std::vector<kit::HealthCheck>& checks, const json& files,
                      const json& connections) const {
    Change c = Change::Of(resource);
    std::string path = u.ConfPath(s);
    bool exists = files.contains(path);
    std::string current = exists ? files[path].get<std::string>() : "";
    std::string want = RenderConf(u);
    std::optional<kit::OwnedFile> owned = kit::ReadOwned(path, current, kit::Comment::kHash);
    c.live = {{"path", path}, {"exists", exists}, {"content", current}};
    c.fingerprint = kit::Sha256Hex(current);
    std::vector<std::string> drained = DrainedAddresses(u.fields);
    for (const std::string& address : drained) {
      c.reasons.push_back(DrainReason(address, connections.value(u.name + " " + address, json())));
    }
    if (owned && owned->Is(want)) return c;
    c.kind = exists ? ChangeKind::kUpdate : ChangeKind::kCreate;
    c.cause = kit::CauseOf(exists, owned);
    c.reasons.push_back(kit::WhyWrite(path, exists, owned && owned->intact));
    c.fields = kit::FieldsSinceRecorded(owned, exists, resource.fields);
    json before = json::parse(owned ? owned->Record("fields") : "", nullptr, false);
    std::optional<std::string> on_host = exists ? std::optional(current) : std::nullopt;
    c.actions.push_back({"file", "write " + path, kit::FileDiff(path, on_host, want)});
    c.actions.push_back(
        {"command", "nginx -t, nginx -s reload, then prove the new workers and the error log", ""});
    if (!checks.empty()) {
      c.actions.push_back(kit::CheckedByAction(checks, "put the previous file back and reload"));
    }
    std::vector<std::string> was_drained = DrainedAddresses(before);
    for (const std::string& address : drained) {
      if (std::find(was_drained.begin(), was_drained.end(), address) != was_drained.end()) continue;
      c.actions.push_back({"command",
                           fmt::format("drain {}: wait until nginx holds no connection to it (at "
                                       "most {})",
                                       address, Seconds(u.drain_timeout)),
                           ""});
    }
    return c;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeNginxUpstreamProvider() {
  return std::make_unique<NginxUpstreamProvider>();
}

}  // namespace kilter::reconciler::nginx_upstream
