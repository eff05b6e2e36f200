#include "reconciler/engine/host_state.h"

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/batch_read.h"

namespace kilter::reconciler {

using nlohmann::json;

EngineSettings EngineSettingsFor(const catalog::Host& host) {
  EngineSettings settings;
  try {
    const json& s = host.providers.at(kEngineSettingsKey);
    settings.state_dir = s.at("state_dir").get<std::string>();
    settings.lock_timeout = std::chrono::milliseconds(s.at("lock_timeout").get<int64_t>());
  } catch (const json::exception& e) {
    throw std::invalid_argument(fmt::format(
        "{}: the catalog's kilter settings are incomplete ({}); compile the specs with this kilter",
        host.name, e.what()));
  }
  while (settings.state_dir.size() > 1 && settings.state_dir.back() == '/') {
    settings.state_dir.pop_back();
  }
  return settings;
}

namespace {

std::string PendingPath(const std::string& dir) { return dir + "/pending-handlers"; }
std::string IndexPath(const std::string& dir) { return dir + "/providers"; }
std::string LastApplyPath(const std::string& dir) { return dir + "/last-apply"; }

}  // namespace

HostState ReadHostState(Transport& transport, const std::string& state_dir) {
  kit::ReadBatch batch;
  batch.AddFile(PendingPath(state_dir));
  batch.AddFile(IndexPath(state_dir));
  batch.AddFile(LastApplyPath(state_dir));
  kit::BatchResult files = kit::Read(transport, batch, transport.host(), "the engine's state");
  HostState state;
  for (const std::string& path :
       {PendingPath(state_dir), IndexPath(state_dir), LastApplyPath(state_dir)}) {
    if (!files.File(path).error.empty()) {
      throw TransportError(transport.host(), files.File(path).error);
    }
  }
  const kit::FileRead& pending = files.File(PendingPath(state_dir));
  if (pending.regular) {
    try {
      json doc = json::parse(pending.content);
      for (const json& h : doc.at("handlers")) {
        state.pending.push_back({h.at("id").get<std::string>(), h.at("command").get<std::string>(),
                                 h.at("provider").get<std::string>(),
                                 h.at("since").get<std::string>(),
                                 h.at("run_id").get<std::string>()});
      }
    } catch (const json::exception& e) {
      throw TransportError(transport.host(),
                           fmt::format("{} is corrupt ({}); inspect it, run the handlers it "
                                       "lists by hand and remove it",
                                       PendingPath(state_dir), e.what()));
    }
  }
  const kit::FileRead& last = files.File(LastApplyPath(state_dir));
  if (last.regular) {
    json doc = json::parse(last.content, nullptr, false);
    // Only metrics read it: a damaged record is no apply recorded, not an error.
    if (doc.is_object() && doc.value("time", json()).is_string()) state.last_apply = doc["time"];
  }
  const kit::FileRead& index = files.File(IndexPath(state_dir));
  size_t start = 0;
  const std::string& text = index.content;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) state.providers.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return state;
}

void WritePendingHandlers(Transport& transport, const std::string& state_dir,
                          const std::vector<PendingHandler>& pending) {
  if (pending.empty()) {
    transport.Remove(PendingPath(state_dir));
    return;
  }
  json handlers = json::array();
  for (const PendingHandler& p : pending) {
    handlers.push_back({{"id", p.id},
                        {"command", p.command},
                        {"provider", p.provider},
                        {"since", p.since},
                        {"run_id", p.run_id}});
  }
  json doc = {{"version", 1}, {"handlers", handlers}};
  transport.WriteFile(PendingPath(state_dir), doc.dump(2) + "\n", WriteOptions{0600, "", ""});
}

void WriteLastApply(Transport& transport, const std::string& state_dir, const std::string& time,
                    const std::string& run_id) {
  json doc = {{"version", 1}, {"time", time}, {"run_id", run_id}};
  transport.WriteFile(LastApplyPath(state_dir), doc.dump(2) + "\n", WriteOptions{0644, "", ""});
}

void WriteProviderIndex(Transport& transport, const std::string& state_dir,
                        const std::vector<std::string>& providers) {
  std::string text;
  for (const std::string& p : providers) text += p + "\n";
  transport.WriteFile(IndexPath(state_dir), text, WriteOptions{0644, "", ""});
}

}  // namespace kilter::reconciler
