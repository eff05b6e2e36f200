#include <chrono>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/drift_notify.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/cli/run_log_file.h"
#include "reconciler/drift/drift.h"
#include "reconciler/plan/render.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter drift [PATH...] [--format text|json|markdown|prometheus] [flags]\n"
    "\n"
    "Reads the live state of every host and reports how it differs from the specs,\n"
    "for a nightly job. Each difference says, where the provider can tell, whether\n"
    "the host changed since kilter applied it or the specs moved. Known drift can\n"
    "be suppressed per address in kilter.toml (with a reason and an expiry date):\n"
    "it is listed but not counted; an expired suppression counts as drift until it\n"
    "is renewed or removed. Problems apply cannot fix (a stale backup) are drift.\n"
    "\n"
    "With --notify, a JSON summary is posted to each webhook when drift appears,\n"
    "when the drifted addresses change and once when it clears, not on every\n"
    "run; a failed post is reported on stderr and never changes the exit status.\n"
    "\n"
    "Exit status: 0 no drift, 2 drift, 1 errors.\n"
    "\n"
    "flags:\n"
    "  --format FORMAT      text (default), json, markdown, or prometheus (metrics in\n"
    "                       the Prometheus text format)\n"
    "  --textfile DIR       also write the metrics to DIR/kilter.prom, atomically, for\n"
    "                       node_exporter's textfile collector (whatever --format is)\n"
    KILTER_NOTIFY_FLAGS_HELP KILTER_RECONCILE_FLAGS_HELP;

int Run(const std::vector<std::string>& argv) {
  RunClock::time_point started = RunClock::now();
  std::set<std::string> flag_options = NotifyOptions();
  flag_options.insert("textfile");
  Args args(argv, ReconcileFlags({}), ReconcileOptions(flag_options));
  reconciler::PlanOptions options = ReadPlanOptions(args);
  NotifyFlags notify = ReadNotifyFlags(args);
  std::unique_ptr<reconciler::Timings> timings = MakeTimings(args);
  options.timings = timings.get();
  options.kind = "drift";
  RenderPlan(reconciler::Plan{}, args);
  std::optional<reconciler::Plan> planned = PlanSpecs(argv, options);
  if (!planned) return 1;
  reconciler::Plan& plan = *planned;
  reconciler::ApplySuppressions(plan, reconciler::TodayUtc());
  plan.duration_seconds = std::chrono::duration<double>(RunClock::now() - started).count();
  fmt::print("{}", RenderPlan(plan, args));
  std::fflush(stdout);
  // After the report: a textfile directory or a log that cannot be written
  // fails the run (exit 1) without losing what was printed.
  if (args.Has("textfile")) {
    WriteFileAtomically(args.Get("textfile") + "/kilter.prom", reconciler::RenderPrometheus(plan));
  }
  AppendRunLog(args, plan,
               {"drift", plan.created, *plan.duration_seconds, reconciler::ExitCode(plan)});
  PrintTimings(timings.get(), "kilter drift: timings (ms)", started);
  Notify(plan, notify);
  return reconciler::ExitCode(plan);
}

}  // namespace

const CommandSpec kDriftCommand = {
    "drift", "report how the hosts differ from the specs; exit 2 on drift", kHelp, &Run};

}  // namespace kilter::cli
