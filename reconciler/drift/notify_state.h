#pragma once

#include <string>
#include <vector>

#include "reconciler/drift/notify_body.h"

namespace kilter::reconciler {

/// What the last successful notification said (the --notify-state file).
struct NotifyState {
  std::vector<std::string> drifted;  ///< sorted addresses; empty: clear (or never notified)
  std::string notified;              ///< RFC 3339 time of that notification; "" never
};

/// Whether a run whose drifted addresses are `now` (sorted) notifies after
/// `last`: kFound when drift appears, kChanged when the set of addresses
/// differs, kCleared once when it is gone; kNone when the set is as last
/// notified (a quiet run, or the same drift again).
NotifyEvent Decide(const NotifyState& last, const std::vector<std::string>& now);

/// The state file's text: {"version": 1, "drifted": [...], "notified": "..."}.
std::string StateText(const NotifyState& state);

/// Reads StateText. Throws std::runtime_error saying what is wrong.
NotifyState ParseState(const std::string& text);

}  // namespace kilter::reconciler
