#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

namespace kilter::reconciler::backup {

/// Provider settings ([providers."backup.policy"]), Debian defaults filled in.
struct Settings {
  std::string cron_dir;       ///< where the managed cron file goes
  std::string job_dir;        ///< where the generated job script goes
  std::string log_dir;        ///< where the job appends its log
  std::string restic;         ///< the restic command
  std::string dump;           ///< the database dump command (mariadb-dump)
  std::string client;         ///< the database client (mariadb), for verify
  std::string defaults_file;  ///< option file with database credentials
  std::string scratch_dir;    ///< where verify restores
  bool check = false;         ///< run `restic check` when reading (drift)

  /// The settings the catalog carries ([providers."backup.policy"] over the
  /// defaults of `settings backup.policy` in stdlib/schemas/backup.kilt);
  /// throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& settings);
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, cron_dir, job_dir, log_dir, restic, dump, client,
                                   defaults_file, scratch_dir, check)

/// Retention, as restic forget --keep-* flags.
struct Keep {
  int daily = 0;
  int weekly = 0;
  int monthly = 0;
  int yearly = 0;
};

/// One backup.policy resource, its fields checked and the names of what it owns.
struct Policy {
  std::string name;
  std::string host;
  std::string mysql;                ///< database to dump; empty for a files backup
  std::vector<std::string> paths;   ///< files to back up; empty for a database backup
  std::string repository;
  std::string password_file;
  std::string schedule;
  Keep keep;
  std::chrono::milliseconds grace{0};
  /// How old the last successful verification may be before drift says so;
  /// zero when the policy does not ask.
  std::chrono::milliseconds verify_every{0};
  std::string user = "root";
  nlohmann::json fields;            ///< the catalog fields, recorded in the job script

  /// Throws ProviderError naming the resource when the fields don't make a policy.
  static Policy From(const catalog::Resource& resource);

  std::string SafeName() const;  ///< the name with only [A-Za-z0-9_-] (cron.d file names)
  std::string Tag() const;       ///< the restic tag marking this policy's snapshots
  std::string Address() const;
  std::string CronPath(const Settings& s) const;
  std::string JobPath(const Settings& s) const;
  std::string LogPath(const Settings& s) const;  ///< where cron appends the job's output
  /// Where the job records its last successful backup (last_backup.h), beside
  /// its log, where the job's user can write.
  std::string RecordPath(const Settings& s) const;
  /// Where kilter records the last successful verification (restore_plan.h
  /// Verification), beside the job's record.
  std::string VerificationPath(const Settings& s) const;
  std::string StdinFilename() const;  ///< the file name of a database dump in the snapshot
  /// `--keep-daily 7 --keep-weekly 4 ...` (zero counts left out), shell-quoted.
  std::string ForgetFlags() const;
};

/// The cron.d file that runs the job on schedule, with kilter's header.
std::string RenderCronFile(const Policy& policy, const Settings& settings);

/// The job script: dump or paths into restic backup, the record of that
/// backup, then forget --prune.
std::string RenderJobScript(const Policy& policy, const Settings& settings);

/// The policy fields a managed job script records (its `# kilter-fields:`
/// line), or null when the script carries none.
nlohmann::json RecordedFields(const std::string& job_script);

}  // namespace kilter::reconciler::backup
