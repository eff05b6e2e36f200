#include "reconciler/drift/notify_state.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kilter::reconciler {

namespace {

constexpr int kStateVersion = 1;

}  // namespace

NotifyEvent Decide(const NotifyState& last, const std::vector<std::string>& now) {
  if (now == last.drifted) return NotifyEvent::kNone;
  if (now.empty()) return NotifyEvent::kCleared;
  return last.drifted.empty() ? NotifyEvent::kFound : NotifyEvent::kChanged;
}

std::string StateText(const NotifyState& state) {
  nlohmann::json json = {
      {"version", kStateVersion}, {"drifted", state.drifted}, {"notified", state.notified}};
  return json.dump(2) + "\n";
}

NotifyState ParseState(const std::string& text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || json.value("version", 0) != kStateVersion || !json.contains("drifted") ||
      !json["drifted"].is_array()) {
    throw std::runtime_error("not a kilter notification state (version 1)");
  }
  NotifyState state;
  for (const nlohmann::json& address : json["drifted"]) {
    if (!address.is_string()) throw std::runtime_error("\"drifted\" holds a non-string");
    state.drifted.push_back(address.get<std::string>());
  }
  std::sort(state.drifted.begin(), state.drifted.end());
  if (json.contains("notified") && json["notified"].is_string()) {
    state.notified = json["notified"].get<std::string>();
  }
  return state;
}

}  // namespace kilter::reconciler
