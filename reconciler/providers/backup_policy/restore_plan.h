#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// The pure parts of `kilter backup restore`: which snapshot, the row counts
/// a database snapshot records, the names and the one RENAME TABLE that swaps
/// a verified restore in.
namespace kilter::reconciler::backup {

/// The last line of a database snapshot, written by the job after the dump:
/// a SQL comment (harmless to a plain `mariadb < dump`) holding a JSON object
/// of every table's exact row count, counted from the dump stream itself.
inline constexpr const char* kRowCountsPrefix = "-- kilter-row-counts: ";

/// The counts of a kRowCountsPrefix line; nullopt when `line` is not one.
std::optional<std::map<std::string, int64_t>> ParseRowCounts(const std::string& line);

/// One snapshot of `restic snapshots --json`.
struct Snapshot {
  std::string id;
  std::string short_id;
  std::string time;  ///< as restic prints it (RFC 3339)
};

/// The snapshot to restore among the policy's `snapshots`: the one whose id
/// starts with `id` when given, else the newest older than `before` (seconds
/// since the epoch) when given, else the newest. nullopt with `error` set
/// when none fits or an id prefix is ambiguous.
std::optional<Snapshot> SelectSnapshot(const nlohmann::json& snapshots, const std::string& id,
                                       std::optional<int64_t> before, std::string& error);

/// True for a database name kilter puts into SQL unquoted-safe: 1 to 64 of
/// [A-Za-z0-9_].
bool PlainDatabaseName(const std::string& name);

/// Where --replace keeps the live tables: `DATABASE_before_restore_<UTC time>`,
/// e.g. opencart_before_restore_20261207T160000Z for `now` in seconds.
std::string BeforeRestoreName(const std::string& database, int64_t now);

/// The one statement that moves every live table into `keep` and every
/// restored table into `live`: RENAME TABLE is atomic for the whole set.
std::string RenameStatement(const std::string& live, const std::vector<std::string>& live_tables,
                            const std::string& restored,
                            const std::vector<std::string>& restored_tables,
                            const std::string& keep);

/// The host's record of the policy's last successful verification, by
/// `backup verify` or by a restore's check (Policy::VerificationPath).
struct Verification {
  std::string time;       ///< RFC 3339 UTC time it finished
  std::string kind;       ///< "verify" or "restore"
  double seconds = 0;     ///< how long the restore and its check took
  std::string snapshot;   ///< the snapshot restored

  nlohmann::json ToJson() const;
  /// nullopt when `text` is not a record.
  static std::optional<Verification> Parse(const std::string& text);
};

/// The problem to report when `verify_every` (seconds, > 0) has passed
/// since the last successful verification, or, with none, since `installed`;
/// nullopt when recent enough.
std::optional<std::string> VerifyDueProblem(int64_t now, const std::optional<Verification>& last,
                                            std::optional<int64_t> installed, int64_t verify_every);

}  // namespace kilter::reconciler::backup
