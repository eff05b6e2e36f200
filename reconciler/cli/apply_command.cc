#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "reconciler/apply/apply.h"
#include "reconciler/cli/plan_file.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/cli/run_log_file.h"
#include "reconciler/plan/render.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter apply PLAN.json [flags]\n"
    "       kilter apply [PATH...] [--auto-approve] [flags]\n"
    "\n"
    "With a plan saved by `kilter plan -o`: carries it out without asking. With\n"
    "specs: plans, shows the plan and asks for confirmation on a terminal; without\n"
    "a terminal it needs --auto-approve.\n"
    "\n"
    "Per host (hosts in parallel): takes the host's lock (a second apply fails\n"
    "naming the holder), re-reads every resource and refuses the host if anything\n"
    "moved since the plan (naming it), applies the changes in dependency order,\n"
    "each provider its batch at once, records then runs the handlers once, and\n"
    "re-reads what changed: anything not converged is an error. Hosts whose plan\n"
    "had errors are left alone.\n"
    "\n"
    "Exit status: 0 applied (or nothing to do), 1 errors.\n"
    "\n"
    "flags:\n"
    "  --auto-approve           apply without asking\n"
    "  --confirm-timeout DUR    how long commit-confirmed changes (firewall) wait for\n"
    "                           the confirming connection (default 60s)\n" KILTER_RECONCILE_FLAGS_HELP;

/// One positional naming a .json file: a saved plan.
bool IsSavedPlan(const std::vector<std::string>& paths) {
  return paths.size() == 1 && std::filesystem::path(paths[0]).extension() == ".json" &&
         std::filesystem::is_regular_file(paths[0]);
}

reconciler::Plan LoadPlan(const std::string& path) {
  reconciler::Plan plan = ReadPlanFile(path);
  if (plan.catalog_redacted) {
    throw std::runtime_error(path + " was printed with --format json, which hides sensitive "
                                    "values; save a plan to apply with `kilter plan -o FILE`");
  }
  if (plan.kind != "plan") throw std::runtime_error(path + " is a drift report, not a plan");
  return plan;
}

/// Asks on the terminal; only "yes" applies.
bool Confirm(const reconciler::Plan& plan) {
  int hosts = 0;
  for (const reconciler::HostPlan& h : plan.hosts) hosts += h.HasWork() && h.errors.empty();
  return AskYes(fmt::format("\nApply these changes to {} host{}? Only 'yes' applies: ", hosts,
                            hosts == 1 ? "" : "s"));
}

int Run(const std::vector<std::string>& argv) {
  RunClock::time_point started = RunClock::now();
  Args args(argv, ReconcileFlags({"auto-approve"}), ReconcileOptions({"confirm-timeout"}));
  reconciler::PlanOptions options = ReadPlanOptions(args);
  std::unique_ptr<reconciler::Timings> plan_timings = MakeTimings(args);
  std::unique_ptr<reconciler::Timings> apply_timings = MakeTimings(args);
  options.timings = plan_timings.get();
  reconciler::Plan plan;
  bool saved = IsSavedPlan(args.positionals());
  if (saved) {
    plan = LoadPlan(args.positionals()[0]);
    if (!options.hosts.empty() || options.shard) {
      throw UsageError(fmt::format("--{0} cannot narrow a saved plan; plan again with --{0}",
                                   options.shard ? "shard" : "host"));
    }
    options.fingerprint_key = ResolveCatalogSecrets(plan.catalog, reconciler::SecretMode::kVerify);
  } else {
    if (!args.Has("auto-approve") && !::isatty(::fileno(stdin))) {
      throw UsageError("standard input is not a terminal, so kilter cannot ask for "
                       "confirmation: pass --auto-approve to apply without asking");
    }
    std::optional<reconciler::Plan> planned = PlanSpecs(argv, options);
    if (!planned) return 1;
    plan = std::move(*planned);
    fmt::print("{}", RenderPlan(plan, args));
    std::fflush(stdout);
    PrintTimings(plan_timings.get(), "kilter apply: plan timings (ms)");
    reconciler::PlanSummary s = reconciler::Summarize(plan);
    if (!s.HasChanges()) {
      int status = s.errors > 0 ? 1 : 0;
      AppendRunLog(args, plan,
                   {"apply", reconciler::NowUtc(),
                    std::chrono::duration<double>(RunClock::now() - started).count(), status});
      return status;
    }
    if (!args.Has("auto-approve") && !Confirm(plan)) {
      fmt::print("Apply cancelled: nothing was changed.\n");
      return 1;
    }
  }

  reconciler::ApplyOptions apply;
  // Reading many hosts at once only waits on them; changing them stays at
  // ApplyOptions' bound unless --parallel says otherwise.
  if (args.Has("parallel")) apply.parallel = options.parallel;
  apply.run = options.run;
  apply.fingerprint_key = options.fingerprint_key;
  apply.holder = reconciler::CurrentHolder(reconciler::NewRunId());
  apply.timings = apply_timings.get();
  std::vector<std::string> hosts;
  for (const reconciler::HostPlan& h : plan.hosts) hosts.push_back(h.host);
  auto progress = MakeProgress(hosts);
  RunClock::time_point applying = RunClock::now();
  reconciler::ApplyResult result =
      reconciler::ApplyPlan(plan, apply, RealConnector(plan.catalog), *progress);
  if (apply.timings) apply.timings->AddStep("apply", RunClock::now() - applying);
  for (const reconciler::HostApplyResult& h : result.hosts) {
    for (const std::string& line : h.reports) fmt::print("{}\n", line);
    if (!h.took_over_lock.empty()) {
      fmt::print(stderr, "kilter apply: {}: took over a stale lock of {}\n", h.host,
                 h.took_over_lock);
    }
    for (const std::string& e : h.errors) fmt::print(stderr, "kilter apply: error: {}\n", e);
  }
  fmt::print("{}\n", result.Line());
  std::fflush(stdout);
  reconciler::ApplyErrors errors;
  for (const reconciler::HostApplyResult& h : result.hosts) errors[h.host] = h.errors;
  AppendRunLog(args, plan,
               {"apply", reconciler::NowUtc(),
                std::chrono::duration<double>(RunClock::now() - started).count(),
                result.ExitCode()},
               errors);
  PrintTimings(apply_timings.get(), "kilter apply: timings (ms)", started);
  return result.ExitCode();
}

}  // namespace

const CommandSpec kApplyCommand = {
    "apply", "carry out a saved plan, or plan and apply the specs after confirmation", kHelp,
    &Run};

}  // namespace kilter::cli
