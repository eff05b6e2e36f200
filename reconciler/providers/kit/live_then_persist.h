#pragma once

#include <functional>
#include <string>
#include <vector>

/// The order every apply of runtime settings follows (three planes,
/// setting_planes.h): live values first, then the persisted file; a failure
/// anywhere puts the live values back, so apply never leaves live and
/// persisted disagreeing.
namespace kilter::reconciler::kit {

/// One live value apply sets, and how to put the one it replaces back.
/// Both throw std::exception carrying the service's own message.
struct LiveStep {
  std::string name;  ///< the setting, for messages
  std::function<void()> set;
  std::function<void()> undo;
};

/// Runs every step's `set` in order, then `persist`. When a step fails,
/// the steps already set are undone (newest first) and nothing is persisted;
/// when `persist` fails, every step is undone. Then throws ProviderError
/// "WHO: setting NAME failed: MESSAGE; ..." or "WHO: persisting failed:
/// MESSAGE; ...", saying that the live values were restored, or which
/// could not be.
void SetLiveThenPersist(const std::vector<LiveStep>& steps, const std::function<void()>& persist,
                        const std::string& who);

}  // namespace kilter::reconciler::kit
