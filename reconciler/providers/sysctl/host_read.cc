#include "reconciler/providers/sysctl/host_read.h"

#include <stdexcept>

#include "reconciler/providers/sysctl/key.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::sysctl {

using nlohmann::json;

namespace {

/// Prints "PATH<TAB>STATE<TAB>VALUE" per /proc/sys path argument; a value's
/// tabs and line breaks become spaces, so each entry is one line.
constexpr const char* kReadScript = R"sh(for k in "$@"; do
  p=/proc/sys/$k
  if [ ! -e "$p" ]; then printf '%s\tmissing\t\n' "$k"
  elif v=$(cat "$p" 2>&1); then printf '%s\tok\t%s\n' "$k" "$(printf '%s' "$v" | tr '\t\n' '  ')"
  else printf '%s\terror\t%s\n' "$k" "$(printf '%s' "$v" | tr '\t\n' '  ')"; fi
done)sh";

std::string Prefixed(const Settings& settings, const std::string& command) {
  return settings.command_prefix.empty() ? command : settings.command_prefix + " " + command;
}

std::string GlobKey(size_t i) { return "dir" + std::to_string(i); }

const char* StateName(ProcEntry::State s) {
  switch (s) {
    case ProcEntry::State::kOk: return "ok";
    case ProcEntry::State::kMissing: return "missing";
    case ProcEntry::State::kError: return "error";
  }
  return "missing";
}

ProcEntry::State StateNamed(const std::string& name) {
  if (name == "ok") return ProcEntry::State::kOk;
  if (name == "missing") return ProcEntry::State::kMissing;
  if (name == "error") return ProcEntry::State::kError;
  throw std::invalid_argument("unknown /proc/sys state \"" + name + "\"");
}

}  // namespace

json HostState::ToJson() const {
  json out = {{"proc", json::object()}, {"files", json::array()}};
  for (const auto& [key, e] : proc) {
    out["proc"][key] = {{"state", StateName(e.state)}, {"value", e.value}};
  }
  for (const ConfFile& f : load_order) {
    out["files"].push_back({{"path", f.path}, {"content", f.content}});
  }
  return out;
}

HostState HostState::FromJson(const json& j) {
  HostState s;
  try {
    for (const auto& [key, e] : j.at("proc").items()) {
      s.proc[key] = {StateNamed(e.at("state")), e.at("value")};
    }
    for (const json& f : j.at("files")) s.load_order.push_back({f.at("path"), f.at("content")});
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("unreadable live state: ") + e.what());
  }
  return s;
}

kit::ReadBatch ReadBatchFor(const Settings& settings, const std::vector<std::string>& keys) {
  kit::ReadBatch batch;
  if (!keys.empty()) {
    std::string command = "sh -c " + ShellQuote(kReadScript) + " sh";
    for (const std::string& k : keys) command += " " + ShellQuote(ProcPath(k));
    batch.AddCommand("proc", Prefixed(settings, command));
  }
  for (size_t i = 0; i < settings.search_dirs.size(); ++i) {
    batch.AddGlob(GlobKey(i), settings.search_dirs[i], "*.conf", true);
  }
  return batch;
}

HostState StateFrom(const Settings& settings, const std::vector<std::string>& keys,
                    const kit::BatchResult& read) {
  HostState state;
  if (!keys.empty()) {
    const kit::CommandRead& proc = read.Command("proc");
    if (!proc.ok()) {
      throw std::invalid_argument("reading /proc/sys failed (exit " +
                                  std::to_string(proc.exit_code) + "): " + proc.err);
    }
    size_t start = 0;
    while (start < proc.out.size()) {
      size_t end = proc.out.find('\n', start);
      if (end == std::string::npos) end = proc.out.size();
      std::string line = proc.out.substr(start, end - start);
      start = end + 1;
      size_t t1 = line.find('\t');
      size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string::npos) throw std::invalid_argument("unexpected /proc/sys line: " + line);
      state.proc[NormalKey(line.substr(0, t1))] = {StateNamed(line.substr(t1 + 1, t2 - t1 - 1)),
                                                   line.substr(t2 + 1)};
    }
    for (const std::string& k : keys) {
      if (!state.proc.count(k)) throw std::invalid_argument("/proc/sys did not list " + k);
    }
  }
  std::map<std::string, std::vector<ConfFile>> found;
  for (size_t i = 0; i < settings.search_dirs.size(); ++i) {
    for (const std::string& path : read.Glob(GlobKey(i))) {
      const kit::FileRead& f = read.File(path);
      // A name linked to /dev/null (not a regular file) masks later ones and sets nothing.
      found[settings.search_dirs[i]].push_back({path, f.regular ? f.content : ""});
    }
  }
  state.load_order = LoadOrder(settings.search_dirs, found);
  return state;
}

std::string WriteCommand(const Settings& settings, const std::string& key,
                         const std::string& value) {
  return Prefixed(settings, "sh -c " +
                                ShellQuote(R"(printf '%s\n' "$2" | tee "/proc/sys/$1" >/dev/null)") +
                                " sh " + ShellQuote(ProcPath(key)) + " " + ShellQuote(value));
}

}  // namespace kilter::reconciler::sysctl
