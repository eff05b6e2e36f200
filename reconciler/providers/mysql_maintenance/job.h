#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "compiler/catalog/clock_window.h"
#include "reconciler/providers/mysql_maintenance/settings.h"

/// One mysql.maintenance resource as the run needs it, the files it owns on
/// the host, and the cron line that runs it.
namespace kilter::reconciler::mysql_maintenance {

struct Job {
  std::string name;
  std::string host;
  std::string database;
  std::vector<std::string> tables;  ///< empty: every base table of the database
  int free_over = 20;               ///< percent
  std::string analyze;              ///< "daily 03:30", as declared
  catalog::RunSchedule schedule;
  std::string window_text;          ///< "03:00-05:00", as declared
  catalog::ClockWindow window;
  int64_t grace_seconds = 0;
  nlohmann::json fields;            ///< the catalog fields, recorded in the cron file

  /// Throws ProviderError naming the resource when the fields don't make a
  /// job (the schema's asserts keep that from happening after `kilter check`).
  static Job From(const catalog::Resource& resource);

  std::string Address() const;
  std::string CronPath(const Settings& s) const;    ///< CRON_DIR/kilter-maintenance-NAME
  std::string RecordPath(const Settings& s) const;  ///< LOG_DIR/kilter-maintenance-NAME.json
  std::string LogPath(const Settings& s) const;     ///< LOG_DIR/kilter-maintenance-NAME.log
};

/// The `kilter maintenance job ...` words the cron file runs: the job and the
/// settings it needs as flags (`--table` once per table), so the host needs
/// no specs. The name goes as its file-name part, so no word holds a '%'.
std::vector<std::string> JobArgv(const Job& job, const Settings& settings);

/// The flags of `kilter maintenance job`, each with its values.
using JobFlags = std::map<std::string, std::vector<std::string>>;

/// The names of those flags.
std::vector<std::string> JobFlagNames();

/// The job and settings back from the flags JobArgv wrote; throws
/// ProviderError naming the flag when one is missing or malformed.
std::pair<Job, Settings> JobFromFlags(const JobFlags& flags);

/// The cron file that runs the job on its schedule, with kilter's header and
/// the fields it was written for.
std::string RenderCronFile(const Job& job, const Settings& settings);

}  // namespace kilter::reconciler::mysql_maintenance
