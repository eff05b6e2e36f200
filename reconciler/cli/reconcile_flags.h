#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/cli/args.h"
#include "reconciler/engine/planner.h"
#include "reconciler/plan/progress.h"
#include "reconciler/plan/timings.h"
#include "reconciler/secrets/resolve.h"

/// What plan, apply and drift share: their flags, compiling the specs into a
/// catalog (diagnostics on stderr), connecting for real, progress, colour.
namespace kilter::cli {

/// The --help lines of the flags plan, apply and drift share.
#define KILTER_RECONCILE_FLAGS_HELP                                                        \
  "  --host NAME          only this host (repeatable; default: every host)\n"              \
  "  --shard K/N          only share K of N of the hosts, by a hash of each host's name\n" \
  "                       (`kilter report merge` joins the shards' JSON)\n"                \
  "  --parallel N         hosts worked on at the same time (default: 32 read by plan\n"    \
  "                       and drift, 4 changed by apply)\n"                                \
  "  --allow-lockout      let firewall changes cut kilter's own SSH access\n"              \
  "  --now TIME           plan time windows (mysql.partitioning) and judge late runs\n"   \
  "                       (mysql.maintenance) at TIME (RFC 3339, or a date: its\n"        \
  "                       midnight UTC) instead of each host's clock\n"                   \
  "  --inventory FILE     the inventory (default: kilter.toml beside the specs)\n"         \
  "  --param NAME=VALUE   override a `param` (repeatable)\n"                               \
  "  --color WHEN         colour output and diagnostics: auto (default: on a terminal,\n"  \
  "                       unless NO_COLOR is set), always or never\n"                      \
  "  --timings            print where the time went on stderr: per host and provider,\n"   \
  "                       connect, read, diff, validate (apply: lock, apply, handlers,\n"  \
  "                       verify) in milliseconds, then compile and total\n"               \
  "  --log FILE           append the run to FILE as one JSON line (docs/run-log.md), for\n" \
  "                       `kilter report html`; sensitive values redacted\n"

/// The option names every reconcile command takes, plus `extra`.
std::set<std::string> ReconcileOptions(std::set<std::string> extra);
/// The flag names every reconcile command takes, plus `extra`.
std::set<std::string> ReconcileFlags(std::set<std::string> extra);

/// --host, --shard, --parallel, --allow-lockout (and --confirm-timeout when
/// given) as plan options. Throws UsageError.
reconciler::PlanOptions ReadPlanOptions(const Args& args);

/// Compiles the PATH positionals of `argv` (with --inventory, --param) and
/// prints the diagnostics to stderr. False when there were errors.
bool CompileSpecs(const std::vector<std::string>& argv, catalog::Catalog& catalog);

/// The command line CompileSpecs needs from a command whose first
/// `first_path` positionals are its own (`backup run NAME`, `forget HOST
/// PROVIDER`): the PATH positionals after them and --inventory, --param, --color.
std::vector<std::string> CompileArgv(const Args& args, size_t first_path);
/// Reads the catalog's secrets on this controller (docs/secrets.md): records
/// their fingerprints (a fresh plan) or checks them against the saved plan's.
/// Returns the key's bytes for PlanOptions::fingerprint_key, "" when the
/// catalog has no secrets. Throws std::runtime_error listing every secret that
/// cannot be read or has changed.
std::string ResolveCatalogSecrets(catalog::Catalog& catalog, reconciler::SecretMode mode);

/// Connects through the real transports (`local`, `ssh`) with the catalog's
/// known_hosts.
reconciler::Connector RealConnector(const catalog::Catalog& catalog);

/// Compiles the specs (as CompileSpecs), reads their secrets (setting
/// `options.fingerprint_key`) and plans them with per-host progress on
/// stderr; nullopt when the specs have errors. A bad --host is a UsageError.
/// With `options.timings`, adds the steps "compile" and "plan" to it.
std::optional<reconciler::Plan> PlanSpecs(const std::vector<std::string>& argv,
                                          reconciler::PlanOptions& options);

/// When the command started: --timings counts its total from here.
using RunClock = std::chrono::steady_clock;

/// With --timings, the records of this run (PlanOptions::timings,
/// ApplyOptions::timings); null without it.
std::unique_ptr<reconciler::Timings> MakeTimings(const Args& args);

/// Prints `timings` on stderr under `title` (nothing when null), never on
/// stdout, which holds the plan in every --format. With `started`, first
/// adds the step "total": the time since then.
void PrintTimings(reconciler::Timings* timings, const std::string& title,
                  std::optional<RunClock::time_point> started = std::nullopt);

/// Prints `prompt` and reads a line from the terminal; true only for "yes".
bool AskYes(const std::string& prompt);

/// Per-host progress on stderr: redrawn in place on a terminal, plain lines
/// otherwise.
std::unique_ptr<reconciler::Progress> MakeProgress(const std::vector<std::string>& hosts);

/// The hosts a run works on: --host, or every host of the catalog (of the
/// --shard when given).
std::vector<std::string> RunHosts(const catalog::Catalog& catalog,
                                  const reconciler::PlanOptions& options);

/// Renders a plan (or drift report) in --format text|json|markdown|prometheus, text
/// coloured as --color says for stdout. Throws UsageError for another format.
std::string RenderPlan(const reconciler::Plan& plan, const Args& args);

}  // namespace kilter::cli
