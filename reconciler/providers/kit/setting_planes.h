#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reconciler/plan/change.h"

/// The three planes of a runtime setting (a kernel parameter, a server
/// variable): what the spec declares, what the running process uses (live)
/// and what it will use after a restart (persisted). A type reads the planes
/// and puts each value in canonical form; the kit judges the differences in
/// the same words for every type (docs/providers/runtime-settings.md).
namespace kilter::reconciler::kit {

/// One value of a setting: as a user reads it, and the form compared.
struct PlaneValue {
  std::string shown;      ///< as the spec or the host writes it: "4096\t87380", "1gb"
  std::string canonical;  ///< what is compared: "4096 87380", "1073741824"
};

/// When a new value of a setting takes effect.
enum class Takes {
  kLive,       ///< dynamic: set on the running process
  kAtRestart,  ///< only when the process restarts
};

/// One setting in its three planes, as a type read and canonicalised it.
struct SettingPlanes {
  std::string name;  ///< "net.core.somaxconn", "maxmemory"
  PlaneValue declared;
  std::optional<PlaneValue> live;       ///< nullopt: the process does not report it
  std::optional<PlaneValue> persisted;  ///< nullopt: nothing persists it
  std::string persisted_in;             ///< the file the persisted value comes from
  /// persisted_in is a file kilter does not own, read after kilter's: only a
  /// hand edit there can make the declared value persist.
  bool overridden = false;
  Takes takes = Takes::kLive;
};

/// How a type names a restart in messages: "at boot", "when redis-server restarts".
struct PlaneWords {
  std::string restart;
  /// What a value is after a restart when nothing persists it: "the kernel's default".
  std::string unpersisted;
  /// What a setting waiting for a restart is called: "reload pending" for PHP-FPM.
  std::string pending = "restart pending";
  /// What apply does about a setting that takes effect only at restart:
  /// "apply reloads PHP-FPM" where a type's handler restarts it.
  std::string on_apply = "kilter restarts nothing";
  /// The resource allows apply to restart the process (kit/restart.h): a
  /// restart-only setting whose declared value is persisted is then a
  /// change apply makes, not a problem.
  bool restarts = false;
};

/// What the differences of one resource's settings ask of apply.
struct PlanesVerdict {
  std::vector<std::string> set_live;  ///< names of dynamic settings whose live value differs
  bool persist = false;               ///< kilter's file must persist some declared value
  bool hand_changed = false;  ///< a live value differs while the declared one is persisted
  bool pending = false;       ///< some setting is restart pending
  /// A restart-only setting's live value differs and PlaneWords::restarts:
  /// apply restarts the process after persisting.
  bool restart = false;
};

/// Judges every setting of `change`'s resource: a field line for each plane
/// that differs ("NAME" live → declared, "NAME (persisted)" persisted →
/// declared), a reason in words for each difference, and a problem (which
/// apply cannot fix) for a restart pending or a file kilter does not own
/// that overrides the declared value. Where the words say apply restarts
/// the process, a restart-only setting is a field line and a reason instead
/// of a restart pending problem. Leaves the kind and cause to the type.
PlanesVerdict JudgePlanes(Change& change, const std::vector<SettingPlanes>& settings,
                          const PlaneWords& words);

}  // namespace kilter::reconciler::kit
