#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

/// A plan is plain data: what a provider found and what it would do. Providers
/// make Changes (diff), renderers only read them, apply carries them out.
namespace kilter::reconciler {

enum class ChangeKind { kNothing, kCreate, kUpdate, kReplace, kDelete };

/// "create", "update", ... as used in text and JSON output.
const char* ToString(ChangeKind kind);
/// The kind named by ToString; false when `text` names none.
bool ParseChangeKind(const std::string& text, ChangeKind& kind);

/// One field that differs: before is null for a create, after null for a delete.
struct FieldChange {
  FieldChange() = default;
  FieldChange(std::string field, nlohmann::json before, nlohmann::json after,
              bool sensitive = false)
      : field(std::move(field)),
        before(std::move(before)),
        after(std::move(after)),
        sensitive(sensitive) {}

  std::string field;
  nlohmann::json before;
  nlohmann::json after;
  bool sensitive = false;  ///< rendered as "(sensitive)" everywhere
  /// The values as the spec would write them ("128MiB" for 134217728),
  /// where the raw JSON hides a unit; empty: show the JSON.
  std::string before_display;
  std::string after_display;
  /// The desired value is the schema's default: the spec does not set it.
  bool from_default = false;
};

/// A concrete step the change will take, shown in the plan before it runs.
struct Action {
  std::string kind;     ///< "file", "command", "sql", "nft", "reload", ...
  std::string summary;  ///< one line: "write /etc/php/8.2/fpm/conf.d/90-kilter-x.ini"
  std::string detail;   ///< the diff, the SQL statement, the nft script; may be empty
};

/// What kind of drift a change is, where the provider can tell.
enum class DriftCause {
  kUnknown,
  kSpecChanged,  ///< the live object is as kilter last wrote it; the specs moved
  kLiveChanged,  ///< the live object differs from what kilter last wrote
  kMissing,      ///< the live object is gone
};

/// "unknown", "spec-changed", "live-changed", "missing" as used in outputs.
const char* ToString(DriftCause cause);
/// The cause named by ToString; false when `text` names none.
bool ParseDriftCause(const std::string& text, DriftCause& cause);

struct Change {
  std::string type;
  std::string name;
  std::string host;
  ChangeKind kind = ChangeKind::kNothing;
  std::vector<FieldChange> fields;
  std::vector<Action> actions;
  std::vector<std::string> reasons;  ///< why: "opcache.memory_consumption is 128M on the host"
  std::vector<std::string> warnings;
  /// Problems on the host that applying cannot fix (a stale backup, an
  /// unhealthy slot, a failed repository check): `drift` reports them (exit 2),
  /// `plan` shows them, `apply` leaves them alone and does not count them
  /// as unconverged.
  std::vector<std::string> problems;
  std::vector<std::string> notifies;  ///< handler ids this change triggers, e.g. "php-fpm"
  bool destructive = false;           ///< drops data or access; shown first, flagged
  DriftCause cause = DriftCause::kUnknown;
  std::string fingerprint;  ///< of the live object as read; apply refuses if it moved
  nlohmann::json desired;   ///< the catalog fields (null for a delete)
  nlohmann::json live;      ///< what the provider read (null when absent)
  /// Numbers the provider measured on the host while reading, for metrics:
  /// a snake_case name in base units ending in its unit ("backup_age_seconds"),
  /// exported as kilter_resource_NAME (docs/providers/authoring.md "Measures").
  std::map<std::string, double> measures;
  std::optional<catalog::SourceLocation> source;  ///< the spec that asked for it

  std::string Address() const;  ///< TYPE "NAME" @ HOST

  /// The change for a declared resource, before the diff: its type, name,
  /// host, desired fields and spec location.
  static Change Of(const catalog::Resource& resource);

  /// The change that removes `name`, an object of `type` on `host` that
  /// kilter owns and the specs no longer declare: kind delete, cause
  /// spec-changed (a provider that can tell better sets another), `reason`.
  static Change Deleted(const std::string& type, const std::string& name, const std::string& host,
                        const std::string& reason);
};

/// A command that runs once per host after the changes that notify it.
struct Handler {
  std::string id;  ///< "php-fpm", "nginx"
  std::string command;
  std::string setting;  ///< the provider setting that holds `command`, for messages: "reload"
};

}  // namespace kilter::reconciler
