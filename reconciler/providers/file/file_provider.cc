#include "reconciler/providers/file/file_provider.h"

#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "reconciler/providers/file/file_diff.h"
#include "reconciler/providers/file/file_spec.h"
#include "reconciler/providers/file/import.h"
#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/manifest.h"

namespace kilter::reconciler {

using nlohmann::json;

namespace {

/// The manifest lives in the engine's state directory.
std::string StateDir(const ProviderContext &context) { return context.state_dir; }

std::string Parent(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// The transports write PATH through a temp file ".NAME.kilter-XXXXXX"
/// beside it; every one a killed run left in a directory matches this
/// `find -name` pattern, so one listing per directory finds them all.
const char kLeftovers[] = ".*.kilter-*";

/// Whether `found`, a match of kLeftovers, is a temp file of `path`.
bool IsLeftoverOf(const std::string &found, const std::string &path) {
  size_t slash = path.rfind('/');
  std::string prefix = path.substr(0, slash + 1) + "." + path.substr(slash + 1) + ".kilter-";
  return found.rfind(prefix, 0) == 0;
}

class FileProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "file"; }
  std::vector<std::string> types() const override { return {"file"}; }

  LiveState Read(Transport& transport, const ProviderContext& context) override {
    std::string manifest_path = kit::ManifestPath(StateDir(context));
    kit::ReadBatch batch;
    std::set<std::string> paths;
    std::map<std::string, std::vector<std::string>> dirs;  // parent -> desired paths in it
    for (const catalog::Resource *r : context.desired) {
      file::FileSpec spec = file::ParseFileSpec(*r);
      if (!paths.insert(spec.path).second) continue;
      batch.AddFile(spec.path);
      dirs[Parent(spec.path)].push_back(spec.path);
    }
    // Parent directories come back as "exists, not a regular file" or
    // missing, so a plan can refuse a file whose directory is absent. Each
    // is listed once for leftover temp files: a process per directory, not
    // per file.
    for (const auto &[dir, in_dir] : dirs) {
      batch.AddFile(dir);
      batch.AddGlob(dir, dir, kLeftovers);
    }
    batch.AddManifest(manifest_path);
    kit::BatchResult found = kit::Read(transport, batch, context.host.name, "files");

    LiveState live;
    live.data = {{"manifest", json::object()},
                 {"files", json::object()},
                 {"dirs", json::object()},
                 {"leftovers", json::object()}};
    const kit::FileRead &m = found.File(manifest_path);
    if (!m.error.empty()) throw ProviderError(m.error);
    if (m.regular) {
      try {
        for (const auto& [path, e] : kit::ParseManifest(m.content)) {
          live.data["manifest"][path] = {{"name", e.name},   {"sha256", e.sha256},
                                         {"mode", e.mode},   {"owner", e.owner},
                                         {"group", e.group}, {"sensitive", e.sensitive}};
          paths.insert(path);
        }
      } catch (const std::exception &e) {
        throw ProviderError(fmt::format("{}: {}", manifest_path, e.what()));
      }
    }
    for (const auto &[dir, in_dir] : dirs) {
      live.data["dirs"][dir] = found.File(dir).exists && !found.File(dir).regular;
      for (const std::string &leftover : found.Glob(dir)) {
        for (const std::string &path : in_dir) {
          if (IsLeftoverOf(leftover, path)) live.data["leftovers"][path].push_back(leftover);
        }
      }
    }
    for (const std::string &path : paths) {
      if (dirs.count(path)) continue;
      const kit::FileRead &f = found.File(path);
      live.data["files"][path] = {{"exists", f.exists},         {"regular", f.regular},
                                  {"mode", f.stat.mode},        {"owner", f.stat.owner},
                                  {"group", f.stat.group},      {"content", f.content},
                                  {"error", f.error}};
    }
    return live;
  }

  std::vector<ImportFilter> ImportFilters() const override { return file::ImportFilters(); }

  /// One batch: each --path as a file and as a directory.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override {
    return file::Import(transport, context, request);
  }

  std::vector<Change> Diff(const ProviderContext &context, const LiveState &live) override {
    return file::DiffFiles(context.host.name, context.desired, live.data);
  }

  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    std::string manifest_path = kit::ManifestPath(StateDir(context));
    kit::Manifest manifest;
    if (std::optional<std::string> text = transport.ReadFile(manifest_path)) {
      manifest = kit::ParseManifest(*text);
    }
    // The manifest follows the files: written after them (also when one
    // fails), so it never records content that is not on the host.
    try {
      for (const Change &c : changes) ApplyOne(transport, context, c, manifest);
    } catch (...) {
      transport.WriteFile(manifest_path, kit::FormatManifest(manifest), WriteOptions{0600, "", ""});
      throw;
    }
    transport.WriteFile(manifest_path, kit::FormatManifest(manifest), WriteOptions{0600, "", ""});
  }

 private:
  static void ApplyOne(Transport& transport, const ProviderContext& context, const Change& c,
                       kit::Manifest& manifest) {
    const json& live = c.live;
    std::string path = c.kind == ChangeKind::kDelete ? live.value("path", std::string())
                                                     : c.desired.value("path", std::string());
    try {
      if (c.kind == ChangeKind::kDelete) {
        if (live.value("exists", false)) transport.Remove(path);
        manifest.erase(path);
        return;
      }
      const catalog::Resource *resource = nullptr;
      for (const catalog::Resource *r : context.desired) {
        if (r->name == c.name) resource = r;
      }
      if (!resource) throw ProviderError("not among the desired resources");
      file::FileSpec spec = file::ParseFileSpec(*resource);
      for (const json &leftover : live.value("leftovers", json::array())) {
        transport.Remove(leftover.get<std::string>());
      }
      bool exists = live.value("exists", false);
      std::string sha = kit::Sha256Hex(spec.content);
      // Unmanaged owner and group stay as they are on the host.
      std::string owner = spec.owner.empty() ? live.value("owner", std::string()) : spec.owner;
      std::string group = spec.group.empty() ? live.value("group", std::string()) : spec.group;
      if (!exists || live.value("sha256", std::string()) != sha) {
        transport.WriteFile(spec.path, spec.content, WriteOptions{spec.mode, owner, group});
      } else {
        if (live.value("mode", 0u) != spec.mode) {
          Run(transport, {"chmod", file::ModeText(spec.mode), spec.path});
        }
        bool owner_differs = !spec.owner.empty() && live.value("owner", "") != spec.owner;
        bool group_differs = !spec.group.empty() && live.value("group", "") != spec.group;
        if (owner_differs || group_differs) {
          std::string who = (spec.owner.empty() ? "" : spec.owner) +
                            (spec.group.empty() ? "" : ":" + spec.group);
          Run(transport, {"chown", who, spec.path});
        }
      }
      manifest[spec.path] = {spec.name, sha, spec.mode, spec.owner, spec.group, spec.sensitive};
    } catch (const std::exception &e) {
      throw ProviderError(fmt::format("{}: {}", c.Address(), e.what()));
    }
  }

  static void Run(Transport &transport, std::vector<std::string> argv) {
    Command command;
    command.argv = std::move(argv);
    CommandResult r = transport.Run(command);
    if (!r.ok()) {
      throw ProviderError(fmt::format("`{}` failed (exit {}): {}", command.Display(), r.exit_code,
                                      r.err.empty() ? r.out : r.err));
    }
  }
};

}  // namespace

std::unique_ptr<Provider> MakeFileProvider() { return std::make_unique<FileProvider>(); }

}  // namespace kilter::reconciler
