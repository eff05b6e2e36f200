#include "reconciler/providers/kit/live_then_persist.h"

#include <exception>

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::kit {

namespace {

/// Undoes the first `count` steps, newest first; returns what it could not undo.
std::string Undo(const std::vector<LiveStep>& steps, size_t count) {
  std::string failures;
  for (size_t i = count; i-- > 0;) {
    try {
      steps[i].undo();
    } catch (const std::exception& e) {
      failures += fmt::format("{}{}: {}", failures.empty() ? "" : "; ", steps[i].name, e.what());
    }
  }
  return failures;
}

[[noreturn]] void Fail(const std::string& who, const std::string& what,
                       const std::vector<LiveStep>& steps, size_t done) {
  std::string failures = Undo(steps, done);
  std::string after;
  if (done == 0) after = "nothing was changed";
  else if (failures.empty()) after = "the previous live values were restored";
  else after = "could not restore the previous live value of " + failures;
  throw ProviderError(fmt::format("{}: {}; {}", who, what, after));
}

}  // namespace

void SetLiveThenPersist(const std::vector<LiveStep>& steps, const std::function<void()>& persist,
                        const std::string& who) {
  for (size_t i = 0; i < steps.size(); ++i) {
    try {
      steps[i].set();
    } catch (const std::exception& e) {
      Fail(who, fmt::format("setting {} failed: {}", steps[i].name, e.what()), steps, i);
    }
  }
  try {
    persist();
  } catch (const std::exception& e) {
    Fail(who, fmt::format("persisting failed: {}", e.what()), steps, steps.size());
  }
}

}  // namespace kilter::reconciler::kit
