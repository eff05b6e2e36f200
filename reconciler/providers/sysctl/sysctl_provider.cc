#include "reconciler/providers/sysctl/sysctl_provider.h"

#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/live_then_persist.h"
#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/sysctl/diff.h"
#include "reconciler/providers/sysctl/host_read.h"
#include "reconciler/providers/sysctl/import.h"
#include "reconciler/providers/sysctl/key.h"

namespace kilter::reconciler::sysctl {

using nlohmann::json;

namespace {

/// Every key declared on the host, once, in normal form.
std::vector<std::string> KeysOf(const ProviderContext& context) {
  std::set<std::string> keys;
  for (const catalog::Resource* r : context.desired) {
    for (const DeclaredKey& k : DeclaredKeys(*r)) keys.insert(k.normal);
  }
  return {keys.begin(), keys.end()};
}

/// Writes `value` for `key` to /proc/sys; throws with the kernel's message.
void WriteLive(Transport& transport, const Settings& settings, const std::string& key,
               const std::string& value) {
  Command command;
  command.shell = WriteCommand(settings, key, value);
  CommandResult r = transport.Run(command);
  if (!r.ok()) throw std::runtime_error(fmt::format("{} = {}: {}", key, value, r.Said()));
}

/// The live steps and file operations of one change, added to the batch.
void AddChange(Transport& transport, const ProviderContext& context, const Settings& settings,
               const Change& c, std::vector<kit::LiveStep>& steps, std::vector<kit::FileWrite>& files) {
  json known = c.live.is_object() ? c.live.value("files", json::object()) : json::object();
  if (c.kind == ChangeKind::kDelete) {
    for (const auto& [path, content] : known.items()) {
      files.push_back({path, std::nullopt, content.get<std::string>()});
    }
    return;
  }
  const catalog::Resource* r = context.Desired(c.name);
  if (!r) throw ProviderError(fmt::format("{}: {} is not declared", context.host.name, c.Address()));
  for (const DeclaredKey& k : DeclaredKeys(*r)) {
    std::string before = c.live["proc"].value(k.normal, "");
    if (CanonicalValue(before) == CanonicalValue(k.value)) continue;
    steps.push_back({k.written,
                     [&transport, &settings, k] { WriteLive(transport, settings, k.normal, k.value); },
                     [&transport, &settings, k, before] {
                       WriteLive(transport, settings, k.normal, before);
                     }});
  }
  std::string path = settings.FileOf(r->name);
  std::string want = RenderFile(*r, context.host.name);
  std::optional<std::string> before;
  if (known.contains(path)) before = known[path].get<std::string>();
  if (before != want) files.push_back({path, want, before});
}

}  // namespace

LiveState SysctlProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = Settings::From(context.settings);
  std::vector<std::string> keys = KeysOf(context);
  kit::BatchResult read =
      kit::Read(transport, ReadBatchFor(settings, keys), context.host.name, "sysctl");
  try {
    return {StateFrom(settings, keys, read).ToJson()};
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: sysctl: {}", context.host.name, e.what()));
  }
}

std::vector<Change> SysctlProvider::Diff(const ProviderContext& context, const LiveState& live) {
  try {
    return DiffHost(context.host.name, context.desired, Settings::From(context.settings),
                    HostState::FromJson(live.data));
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: sysctl: {}", context.host.name, e.what()));
  }
}

void SysctlProvider::Apply(Transport& transport, const ProviderContext& context,
                           const std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  std::vector<kit::LiveStep> steps;
  std::vector<kit::FileWrite> files;
  for (const Change& c : changes) AddChange(transport, context, settings, c, steps, files);
  kit::SetLiveThenPersist(steps, [&] { kit::WriteAll(transport, files); },
                          context.host.name + ": sysctl");
}

std::vector<ImportFilter> SysctlProvider::ImportFilters() const {
  return sysctl::ImportFilters();
}

kit::SpecFile SysctlProvider::Import(Transport& transport, const ProviderContext& context,
                                     const ImportRequest& request) {
  return sysctl::Import(transport, context, request);
}

std::unique_ptr<Provider> MakeSysctlProvider() { return std::make_unique<SysctlProvider>(); }

}  // namespace kilter::reconciler::sysctl
