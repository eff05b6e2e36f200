#include "reconciler/providers/file/file_diff.h"

#include <map>

#include <fmt/format.h>

#include "reconciler/providers/file/file_spec.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/adoption.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::file {

using nlohmann::json;

namespace {

constexpr char kHidden[] = "(content hidden: sensitive)";

std::string Parent(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// What the change records of the live file: small (no content), and the
/// input of its fingerprint.
json LiveSummary(const std::string& path, const json& f, const json& leftovers) {
  json summary = {{"path", path}, {"exists", false}};
  if (f.value("exists", false)) {
    summary = {{"path", path},
               {"exists", true},
               {"sha256", kit::Sha256Hex(f.value("content", ""))},
               {"mode", f.value("mode", 0)},
               {"owner", f.value("owner", "")},
               {"group", f.value("group", "")}};
  }
  if (!leftovers.empty()) summary["leftovers"] = leftovers;
  return summary;
}

/// Temp files of writes a killed run left beside the file: removed by the
/// next apply, so an interrupted apply leaves nothing half-written behind.
void Leftovers(Change& c, const json& leftovers) {
  for (const json& t : leftovers) {
    c.actions.push_back({"file",
                         "remove " + t.get<std::string>() + " (left by an interrupted write)", ""});
  }
  if (!leftovers.empty() && c.kind == ChangeKind::kNothing) {
    c.kind = ChangeKind::kUpdate;
    c.reasons.push_back("an interrupted write left temporary files beside it");
  }
}

json DesiredJson(const FileSpec& s) {
  return {{"path", s.path},
          {"content", s.content},
          {"mode", ModeText(s.mode)},
          {"owner", s.owner.empty() ? json() : json(s.owner)},
          {"group", s.group.empty() ? json() : json(s.group)}};
}

Change DiffOne(const std::string& host, const catalog::Resource& r, const json& live) {
  FileSpec spec = ParseFileSpec(r);
  Change c;
  c.type = "file";
  c.name = r.name;
  c.host = host;
  c.desired = DesiredJson(spec);
  c.source = r.source;

  const json empty = json::object();
  const json& f = live["files"].contains(spec.path) ? live["files"][spec.path] : empty;
  const json* entry =
      live["manifest"].contains(spec.path) ? &live["manifest"][spec.path] : nullptr;
  if (!f.value("error", "").empty()) {
    throw ProviderError(fmt::format("{}: {}", c.Address(), f.value("error", "")));
  }
  const json leftovers = live.contains("leftovers") && live["leftovers"].contains(spec.path)
                             ? live["leftovers"][spec.path]
                             : json::array();
  c.live = LiveSummary(spec.path, f, leftovers);
  std::string sha = kit::Sha256Hex(spec.content);

  if (!f.value("exists", false)) {
    if (!live["dirs"].value(Parent(spec.path), true)) {
      throw ProviderError(fmt::format("{}: directory {} does not exist on the host", c.Address(),
                                      Parent(spec.path)));
    }
    c.kind = ChangeKind::kCreate;
    c.cause = entry ? DriftCause::kMissing : DriftCause::kSpecChanged;
    if (entry) c.reasons.push_back(spec.path + " was written by kilter and is gone");
    for (const char* field : {"path", "content", "mode", "owner", "group"}) {
      const json& value = c.desired[field];
      if (!value.is_null()) {
        c.fields.push_back({field, nullptr, value, spec.sensitive && field == std::string("content")});
      }
    }
    c.actions.push_back({"file", fmt::format("write {} (mode {})", spec.path, ModeText(spec.mode)),
                         spec.sensitive ? kHidden
                                        : kit::FileDiff(spec.path, std::nullopt, spec.content)});
    Leftovers(c, leftovers);
    return c;
  }
  if (!f.value("regular", false)) {
    throw ProviderError(
        fmt::format("{}: {} exists and is not a regular file", c.Address(), spec.path));
  }

  const std::string& content = f["content"].get_ref<const std::string&>();
  uint32_t mode = f.value("mode", 0u);
  std::string owner = f.value("owner", ""), group = f.value("group", "");
  if (content != spec.content) {
    c.fields.push_back({"content", content, spec.content, spec.sensitive});
    c.actions.push_back({"file", "write " + spec.path,
                         spec.sensitive ? kHidden
                                        : kit::FileDiff(spec.path, content, spec.content)});
  }
  if (mode != spec.mode) {
    c.fields.push_back({"mode", ModeText(mode), ModeText(spec.mode), false});
    if (content == spec.content) {
      c.actions.push_back({"command", fmt::format("chmod {} {}", ModeText(spec.mode), spec.path),
                           ""});
    }
  }
  bool owner_differs = !spec.owner.empty() && owner != spec.owner;
  bool group_differs = !spec.group.empty() && group != spec.group;
  if (owner_differs) c.fields.push_back({"owner", owner, spec.owner, false});
  if (group_differs) c.fields.push_back({"group", group, spec.group, false});
  if ((owner_differs || group_differs) && content == spec.content) {
    c.actions.push_back({"command", fmt::format("chown {}{} {}", spec.owner,
                                                spec.group.empty() ? "" : ":" + spec.group,
                                                spec.path),
                         ""});
  }

  bool recorded = entry && (*entry)["sha256"] == sha && (*entry)["name"] == r.name &&
                  (*entry)["mode"] == spec.mode;
  if (c.fields.empty()) {
    if (!entry) {
      // Right on the host and never written by kilter (an import): adopted
      // as it is, recorded when kilter next writes it; until then removing
      // the resource leaves the file alone.
      c.reasons.push_back(kit::WhyAdopted("lists " + spec.path + " in its manifest"));
    } else if (!recorded) {
      c.kind = ChangeKind::kUpdate;
      c.reasons.push_back("the manifest records another content or name for " + spec.path);
      c.actions.push_back({"manifest", "record " + spec.path + " in the file manifest", ""});
    }
    Leftovers(c, leftovers);
    return c;
  }
  c.kind = ChangeKind::kUpdate;
  if (!entry) {
    c.cause = DriftCause::kUnknown;
    if (content != spec.content) {
      c.warnings.push_back(spec.path + " exists and was not written by kilter: its content will be "
                                       "replaced");
      c.destructive = true;
    }
  } else {
    bool as_written = kit::Sha256Hex(content) == (*entry)["sha256"] && mode == (*entry)["mode"] &&
                      ((*entry)["owner"] == "" || (*entry)["owner"] == owner) &&
                      ((*entry)["group"] == "" || (*entry)["group"] == group);
    c.cause = as_written ? DriftCause::kSpecChanged : DriftCause::kLiveChanged;
    if (!as_written) c.reasons.push_back(spec.path + " was changed on the host since kilter wrote it");
  }
  Leftovers(c, leftovers);
  return c;
}

Change DiffDelete(const std::string& host, const std::string& path, const json& entry,
                  const json& live) {
  Change c = Change::Deleted("file", entry["name"], host,
                             "no longer in the specs; kilter wrote " + path);
  const json empty = json::object();
  const json& f = live["files"].contains(path) ? live["files"][path] : empty;
  if (!f.value("error", "").empty()) {
    throw ProviderError(fmt::format("{}: {}", c.Address(), f.value("error", "")));
  }
  c.live = LiveSummary(path, f, json::array());
  if (!f.value("exists", false)) {
    c.cause = DriftCause::kMissing;
    c.actions.push_back({"manifest", "forget " + path + " (already gone)", ""});
    return c;
  }
  if (!f.value("regular", false)) {
    throw ProviderError(fmt::format("{}: {} is no longer a regular file; kilter will not remove it",
                                    c.Address(), path));
  }
  const std::string& content = f["content"].get_ref<const std::string&>();
  bool sensitive = entry.value("sensitive", false);
  c.fields.push_back({"path", path, nullptr, false});
  c.fields.push_back({"content", content, nullptr, sensitive});
  c.destructive = true;
  bool as_written = kit::Sha256Hex(content) == entry["sha256"];
  c.cause = as_written ? DriftCause::kSpecChanged : DriftCause::kLiveChanged;
  if (!as_written) c.warnings.push_back(path + " was changed on the host since kilter wrote it");
  c.actions.push_back({"file", "remove " + path,
                       sensitive ? kHidden : kit::FileDiff(path, content, std::nullopt)});
  return c;
}

}  // namespace

std::vector<Change> DiffFiles(const std::string& host,
                              const std::vector<const catalog::Resource*>& desired,
                              const json& live) {
  std::vector<Change> changes;
  std::map<std::string, const catalog::Resource*> by_path;
  for (const catalog::Resource* r : desired) {
    FileSpec spec = ParseFileSpec(*r);
    auto [it, added] = by_path.emplace(spec.path, r);
    if (!added) {
      throw ProviderError(fmt::format("{} and {} both manage {}", it->second->Address(),
                                      r->Address(), spec.path));
    }
    changes.push_back(DiffOne(host, *r, live));
  }
  for (const auto& [path, entry] : live["manifest"].items()) {
    if (!by_path.count(path)) changes.push_back(DiffDelete(host, path, entry, live));
  }
  return changes;
}

}  // namespace kilter::reconciler::file
