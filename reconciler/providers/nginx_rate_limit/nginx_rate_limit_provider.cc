#include "reconciler/providers/nginx_rate_limit/nginx_rate_limit_provider.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/checked_by.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/import_recorded.h"
#include "reconciler/providers/kit/nginx_apply.h"
#include "reconciler/providers/kit/nginx_locations.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/importer.h"
#include "reconciler/providers/nginx_rate_limit/includes.h"
#include "reconciler/providers/nginx_rate_limit/rate_limit.h"

namespace kilter::reconciler::nginx_rate_limit {

using nlohmann::json;

namespace {

const char kType[] = "nginx.rate_limit";
const char kReload[] = "nginx -t, nginx -s reload, then prove the new workers and the error log";

json LocationsJson(const std::vector<kit::NginxLocation>& found) {
  json out = json::array();
  for (const kit::NginxLocation& l : found) {
    out.push_back({{"match", l.match},
                   {"file", l.file},
                   {"includes", l.includes},
                   {"limit_req", l.limit_req}});
  }
  return out;
}

std::vector<kit::NginxLocation> LocationsOf(const json& live) {
  std::vector<kit::NginxLocation> found;
  for (const json& l : live) {
    found.push_back({l["match"].get<std::string>(), l["file"].get<std::string>(),
                     l["includes"].get<std::vector<std::string>>(),
                     l["limit_req"].get<std::vector<std::string>>()});
  }
  return found;
}

/// One of the two files of a rate limit, as read and as wanted.
struct FileState {
  std::string path;
  bool exists = false;
  std::string current;
  std::string want;
  std::optional<kit::OwnedFile> owned;

  FileState(const std::string& p, const json& files, std::string wanted)
      : path(p), exists(files.contains(p)), want(std::move(wanted)) {
    current = exists ? files[p].get<std::string>() : "";
    owned = kit::ReadOwned(path, current, kit::Comment::kHash);
  }
  bool ok() const { return owned && owned->Is(want); }
  std::optional<std::string> before() const {
    return exists ? std::optional(current) : std::nullopt;
  }
};

class NginxRateLimitProvider : public Provider, public Importer {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  std::vector<ImportFilter> ImportFilters() const override {
    return {{"limit", "a rate limit by name (default: every limit kilter's zone files hold)"}};
  }

  /// One batch: kilter's zone files, whose records hold each limit's fields
  /// (its snippet records the same).
  kit::SpecFile Import(Transport& transport, const ProviderContext& ctx,
                       const ImportRequest& request) override {
    Settings s = Settings::From(ctx.settings);
    kit::ReadBatch batch;
    batch.AddGlob("conf", s.conf_dir, "kilter-rate-limit-*.conf", /*contents=*/true);
    kit::BatchResult read = kit::Read(transport, batch, ctx.host.name, "nginx rate limits");
    return kit::ImportRecorded(read, {kType, "conf", "limit", {}, {"zone_size"}}, ctx, request);
  }

  /// One batch: kilter's zone files and snippets, and `nginx -T` (the whole
  /// configuration, to see which locations include the snippets).
  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    Settings s = Settings::From(ctx.settings);
    kit::ReadBatch batch;
    batch.AddGlob("conf", s.conf_dir, "kilter-rate-limit-*.conf", /*contents=*/true);
    batch.AddGlob("snippets", s.snippet_dir, "kilter-rate-limit-*.conf", /*contents=*/true);
    batch.AddCommand("nginx -T", s.nginx + " -T");
    kit::BatchResult read = kit::Read(transport, batch, ctx.host.name, "nginx rate limits");
    json live = {{"files", json::object()}};
    for (const char* key : {"conf", "snippets"}) {
      for (const std::string& path : read.Glob(key)) {
        if (read.File(path).regular) live["files"][path] = read.File(path).content;
      }
    }
    const kit::CommandRead& dump = read.commands.at("nginx -T");
    if (dump.ok()) {
      live["locations"] = LocationsJson(kit::NginxLocations(dump.out));
    } else {
      live["nginx_t_error"] = catalog::Trim(dump.err.empty() ? dump.out : dump.err);
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = Settings::From(ctx.settings);
    const json& files = state.data["files"];
    std::vector<Change> changes;
    std::set<std::string> declared;
    std::map<std::string, std::string> idents;
    for (const catalog::Resource* r : ctx.desired) {
      RateLimit l = RateLimit::From(*r);
      auto [it, fresh] = idents.emplace(l.Ident(), l.Address());
      if (!fresh) {
        throw ProviderError(fmt::format("{}: its nginx zone {} is also {}'s: rename one",
                                        l.Address(), l.Ident(), it->second));
      }
      changes.push_back(DiffLimit(s, l, *r, kit::CheckedBy(ctx, *r), state.data));
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
             "no longer declared in the specs: the rate limit goes away (a location that still "
             "includes its snippet makes nginx -t fail, and nothing is removed)")) {
      del.actions.push_back({"command", kReload, ""});
      changes.push_back(std::move(del));
    }
    return changes;
  }

  /// Every file of every change in one nginx apply: one -t, one reload.
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
      RateLimit l = RateLimit::From(*r);
      for (const FileState& f : {FileState(l.ZonesPath(s), c.live["files"], RenderZones(l)),
                                 FileState(l.SnippetPath(s), c.live["files"], RenderSnippet(l))}) {
        if (!f.ok()) writes.push_back({f.path, f.want, f.before()});
      }
    }
    if (writes.empty()) return;
    kit::ApplyNginxFiles(transport, s.nginx, who, writes);
    kit::CheckAfterNginxApply(transport, ctx, s.nginx, who, writes, kit::CheckedBy(ctx, changes),
                              "the previous files were restored and nginx serves them");
  }

 private:
  Change DiffLimit(const Settings& s, const RateLimit& l, const catalog::Resource& resource,
                   const std::vector<kit::HealthCheck>& checks, const json& live) const {
    Change c = Change::Of(resource);
    const json& files = live["files"];
    FileState zones(l.ZonesPath(s), files, RenderZones(l));
    FileState snippet(l.SnippetPath(s), files, RenderSnippet(l));
    c.live = {{"files", json::object()}};
    for (const FileState* f : {&zones, &snippet}) {
      if (f->exists) c.live["files"][f->path] = f->current;
    }
    c.fingerprint = kit::Sha256Hex(zones.current + "\n" + snippet.current);
    if (live.contains("nginx_t_error")) {
      c.problems.push_back("nginx -T failed, so whether the locations include " + snippet.path +
                           " is unknown: " + live["nginx_t_error"].get<std::string>());
    } else {
      std::vector<kit::NginxLocation> found = LocationsOf(live["locations"]);
      c.problems = IncludeProblems(found, l.locations, snippet.path);
      c.warnings = OwnLimitWarnings(found, l.locations);
    }
    if (zones.ok() && snippet.ok()) return c;
    c.kind = zones.exists || snippet.exists ? ChangeKind::kUpdate : ChangeKind::kCreate;
    bool intact = zones.owned && zones.owned->intact && snippet.owned && snippet.owned->intact;
    c.cause = !zones.exists || !snippet.exists ? DriftCause::kMissing
              : intact                         ? DriftCause::kSpecChanged
                                               : DriftCause::kLiveChanged;
    c.fields = kit::FieldsSinceRecorded(zones.owned, zones.exists, resource.fields);
    for (const FileState* f : {&zones, &snippet}) {
      if (f->ok()) continue;
      c.reasons.push_back(kit::WhyWrite(f->path, f->exists, f->owned && f->owned->intact));
      c.actions.push_back(
          {"file", "write " + f->path, kit::FileDiff(f->path, f->before(), f->want)});
    }
    c.actions.push_back({"command", kReload, ""});
    if (!checks.empty()) {
      c.actions.push_back(kit::CheckedByAction(checks, "put the previous files back and reload"));
    }
    return c;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeNginxRateLimitProvider() {
  return std::make_unique<NginxRateLimitProvider>();
}

}  // namespace kilter::reconciler::nginx_rate_limit
