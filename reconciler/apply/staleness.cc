#include "reconciler/apply/staleness.h"

#include <map>

#include <fmt/format.h>

namespace kilter::reconciler {

std::vector<std::string> StaleResources(const HostPlan& planned,
                                        const std::vector<Change>& fresh) {
  std::map<std::string, const Change*> now;
  for (const Change& c : fresh) now[c.Address()] = &c;
  std::vector<std::string> stale;
  for (const Change& before : planned.changes) {
    auto it = now.find(before.Address());
    if (it == now.end()) {
      stale.push_back(fmt::format("{}: was in the plan, is no longer found", before.Address()));
      continue;
    }
    const Change& after = *it->second;
    if (after.fingerprint != before.fingerprint) {
      stale.push_back(fmt::format("{}: changed on the host since the plan ({} → {})",
                                  before.Address(), before.fingerprint.substr(0, 19),
                                  after.fingerprint.substr(0, 19)));
    } else if (after.kind != before.kind) {
      stale.push_back(fmt::format("{}: planned to {}, would now {}", before.Address(),
                                  ToString(before.kind), ToString(after.kind)));
    }
    now.erase(it);
  }
  for (const auto& [address, c] : now) {
    if (c->kind != ChangeKind::kNothing) {
      stale.push_back(fmt::format("{}: appeared since the plan (would {})", address,
                                  ToString(c->kind)));
    }
  }
  return stale;
}

}  // namespace kilter::reconciler
