#include "reconciler/providers/sysctl/import.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/sysctl/diff.h"
#include "reconciler/providers/sysctl/key.h"

namespace kilter::reconciler::sysctl {

namespace {

bool IsPattern(const std::string& key) { return key.find_first_of("*?[") != std::string::npos; }

/// The resource a persisted key goes into: the owner of a kilter file, else
/// the file's name without ".conf".
std::string GroupOf(const std::string& host, const Assignment& a, const HostState& state) {
  for (const ConfFile& f : state.load_order) {
    if (f.path != a.file) continue;
    std::optional<kit::OwnedFile> o = kit::ReadOwned(f.path, f.content, kit::Comment::kHash);
    if (o && o->type == kType && o->host == host) return o->name;
  }
  std::string name = BaseName(a.file);
  return name.ends_with(".conf") ? name.substr(0, name.size() - 5) : name;
}

/// An int where the value is a plain decimal number, else the string.
kit::SpecValue ValueOf(const std::string& canonical) {
  size_t digits = canonical.starts_with("-") ? 1 : 0;
  bool number = canonical.size() > digits && canonical.size() < 19 &&
                canonical.find_first_not_of("0123456789", digits) == std::string::npos &&
                (canonical.size() == digits + 1 || canonical[digits] != '0');
  return number ? kit::SpecValue::Int(std::stoll(canonical)) : kit::SpecValue::String(canonical);
}

/// The keys `request` asks for: the --key names, and every key the files
/// set that a --key pattern matches (all of them without --key).
std::vector<std::string> WantedKeys(const ImportRequest& request, const Persisted& persisted) {
  std::vector<std::string> wanted;
  std::set<std::string> seen;
  const std::vector<std::string>& keys = request.Values("key");
  for (const std::string& k : keys) {
    if (!IsPattern(k) && seen.insert(NormalKey(k)).second) wanted.push_back(NormalKey(k));
  }
  for (const std::string& k : persisted.Keys()) {
    bool match = keys.empty() || std::any_of(keys.begin(), keys.end(), [&](const std::string& p) {
                   return IsPattern(p) && fnmatch(NormalKey(p).c_str(), k.c_str(), 0) == 0;
                 });
    if (match && seen.insert(k).second) wanted.push_back(k);
  }
  return wanted;
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"key",
           "a kernel parameter (net.core.somaxconn) or a shell pattern of the parameters the "
           "sysctl.d files set (\"net.ipv4.*\"); default: every parameter a sysctl.d file sets"}};
}

kit::SpecFile ImportedResources(const std::string& host, const HostState& state,
                                const std::vector<std::string>& wanted) {
  Persisted persisted(state.load_order);
  kit::SpecFile file;
  std::map<std::string, std::vector<kit::SpecEntry>> values;
  std::vector<std::string> order;
  for (const std::string& key : wanted) {
    const ProcEntry& entry = state.proc.at(key);
    if (entry.state != ProcEntry::State::kOk) {
      file.notes += fmt::format("not imported: {}: {}\n", key,
                                entry.state == ProcEntry::State::kMissing
                                    ? "the kernel has no /proc/sys/" + ProcPath(key)
                                    : entry.value);
      continue;
    }
    std::optional<Assignment> a = persisted.Effective(key);
    std::string group = a ? GroupOf(host, *a, state) : "live";
    if (!values.count(group)) order.push_back(group);
    std::string live = CanonicalValue(entry.value);
    std::string comment;
    if (!a) {
      comment = "live value; no sysctl.d file sets it (the kernel's default, or set by hand):\n"
                "kilter persists it in its own file at the next apply";
    } else if (CanonicalValue(a->value) != live) {
      comment = fmt::format("live value; {} persists \"{}\", which takes effect at boot", a->file,
                            CanonicalValue(a->value));
    }
    values[group].push_back({key, ValueOf(live), comment});
  }
  for (const std::string& group : order) {
    file.resources.push_back(
        {"sysctl", group, host, {{"values", kit::SpecValue::Object(values[group]), ""}},
         group == "live" ? "kernel parameters no sysctl.d file sets"
                         : "kernel parameters as " + group + " persists them"});
  }
  return file;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  Settings settings = Settings::From(context.settings);
  const std::string& host = context.host.name;
  try {
    HostState files = StateFrom(
        settings, {}, kit::Read(transport, ReadBatchFor(settings, {}), host, "sysctl.d files"));
    std::set<std::string> declared;
    for (const catalog::Resource* r : context.desired) {
      for (const DeclaredKey& k : DeclaredKeys(*r)) declared.insert(k.normal);
    }
    std::vector<std::string> wanted = WantedKeys(request, Persisted(files.load_order));
    std::erase_if(wanted, [&](const std::string& k) { return declared.count(k) > 0; });
    if (wanted.empty()) return {};
    HostState state = StateFrom(
        settings, wanted, kit::Read(transport, ReadBatchFor(settings, wanted), host, "/proc/sys"));
    return ImportedResources(host, state, wanted);
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: sysctl: {}", host, e.what()));
  }
}

}  // namespace kilter::reconciler::sysctl
