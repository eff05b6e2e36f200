#include "reconciler/providers/kit/setting_planes.h"

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

/// A value in a message: in quotes when it holds a blank ("4096 87380"), so
/// the words around it stay apart.
std::string Show(const std::string& value) {
  return value.find_first_of(" \t") == std::string::npos && !value.empty() ? value
                                                                           : "\"" + value + "\"";
}

FieldChange Line(const std::string& field, const std::string& before, const std::string& after) {
  FieldChange f(field, before, after);
  f.before_display = Show(before);
  f.after_display = Show(after);
  return f;
}

/// "1024 (from /etc/sysctl.d/10-net.conf)", or what a restart falls back to.
std::string AfterRestart(const SettingPlanes& s, const PlaneWords& words) {
  if (!s.persisted) return words.unpersisted + " (nothing persists it)";
  return fmt::format("{} (from {})", Show(s.persisted->shown), s.persisted_in);
}

/// The reason for a persisted value kilter's file can fix.
std::string PersistedReason(const SettingPlanes& s, bool live_differs, const PlaneWords& words) {
  std::string want = Show(s.declared.shown);
  if (s.takes == Takes::kAtRestart) {
    return fmt::format("{}: {} it becomes {}, not the declared {}; it takes effect only {}, "
                       "and {}",
                       s.name, words.restart, AfterRestart(s, words), want, words.restart,
                       words.on_apply);
  }
  if (!live_differs) {
    return fmt::format("{}: the declared {} is live but lost {}: it becomes {}", s.name, want,
                       words.restart, AfterRestart(s, words));
  }
  return fmt::format("{}: {} it changes to {}, not the declared {}", s.name, words.restart,
                     AfterRestart(s, words), want);
}

}  // namespace

PlanesVerdict JudgePlanes(Change& change, const std::vector<SettingPlanes>& settings,
                          const PlaneWords& words) {
  PlanesVerdict verdict;
  for (const SettingPlanes& s : settings) {
    const std::string& want = s.declared.canonical;
    bool live_differs = s.live && s.live->canonical != want;
    bool persisted_differs = !s.persisted || s.persisted->canonical != want;
    if (live_differs && s.takes == Takes::kLive) {
      verdict.set_live.push_back(s.name);
      change.fields.push_back(Line(s.name, s.live->shown, s.declared.shown));
      if (persisted_differs) {
        change.reasons.push_back(fmt::format("{} is {} live, not the declared {}", s.name,
                                             Show(s.live->shown), Show(s.declared.shown)));
      } else {
        verdict.hand_changed = true;
        change.reasons.push_back(fmt::format(
            "{} is {} live, but the declared {} is persisted: changed by hand, lost {}", s.name,
            Show(s.live->shown), Show(s.declared.shown), words.restart));
      }
    }
    if (persisted_differs && s.overridden) {
      change.problems.push_back(fmt::format(
          "{} persists as {} from {}, a file kilter does not own that is read after kilter's: "
          "the declared {} is lost {}; remove {} from {} by hand",
          s.name, Show(s.persisted->shown), s.persisted_in, Show(s.declared.shown), words.restart,
          s.name, s.persisted_in));
    } else if (persisted_differs) {
      verdict.persist = true;
      change.fields.push_back(Line(s.name + " (persisted)",
                                   s.persisted ? s.persisted->shown : "(none)", s.declared.shown));
      change.reasons.push_back(PersistedReason(s, live_differs, words));
      if (live_differs && s.takes == Takes::kAtRestart && words.restarts) verdict.restart = true;
    } else if (live_differs && s.takes == Takes::kAtRestart && words.restarts) {
      verdict.restart = true;
      change.fields.push_back(Line(s.name, s.live->shown, s.declared.shown));
      change.reasons.push_back(fmt::format(
          "{} is {} live; the declared {} is persisted and takes effect {}: {}", s.name,
          Show(s.live->shown), Show(s.declared.shown), words.restart, words.on_apply));
    } else if (live_differs && s.takes == Takes::kAtRestart) {
      verdict.pending = true;
      change.problems.push_back(fmt::format(
          "{}: {} is {} live; the declared {} is persisted and takes effect {}", words.pending,
          s.name, Show(s.live->shown), Show(s.declared.shown), words.restart));
    }
  }
  return verdict;
}

}  // namespace kilter::reconciler::kit
