#include "reconciler/drift/drift.h"

namespace kilter::reconciler {

namespace {

/// A YYYY-MM-DD date compares as text; anything else never matches "valid".
bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

void ApplySuppressions(Plan& plan, const std::string& today) {
  plan.kind = "drift";
  for (const catalog::Suppression& s : plan.catalog.suppressions) {
    bool expired = !IsDate(s.expires) || s.expires < today;
    if (expired) {
      plan.expired_suppressions.push_back(s);
      continue;
    }
    for (HostPlan& host : plan.hosts) {
      for (auto it = host.changes.begin(); it != host.changes.end();) {
        bool drifts = it->kind != ChangeKind::kNothing || !it->problems.empty();
        if (drifts && it->Address() == s.address) {
          plan.suppressed.push_back({*it, s.reason, s.expires});
          it = host.changes.erase(it);
        } else {
          ++it;
        }
      }
      // A suppressed change notifies nothing: its handlers are not drift.
      for (auto h = host.handlers.begin(); h != host.handlers.end();) {
        std::erase(h->notified_by, s.address);
        if (h->notified_by.empty() && h->pending_since.empty()) {
          h = host.handlers.erase(h);
        } else {
          ++h;
        }
      }
    }
  }
}

std::string TodayUtc() { return NowUtc().substr(0, 10); }

}  // namespace kilter::reconciler
