#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/cli/run_log_file.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter plan [PATH...] [-o FILE] [--format text|json|markdown|prometheus] [flags]\n"
    "\n"
    "Compiles the specs, reads the live state of every host (hosts in parallel,\n"
    "each provider in one round trip where it can), and shows what an apply would\n"
    "change: for each resource `TYPE \"NAME\" @ HOST` its kind (+ create, ~ update,\n"
    "-/+ replace, - delete), field by field before -> after, and the concrete\n"
    "actions (file diffs, commands), then the handlers it would run. Nothing on\n"
    "any host is changed; validators the providers have run in a scratch place.\n"
    "\n"
    "Sensitive fields are redacted in every format. -o saves the plan as JSON for\n"
    "`kilter apply FILE`; it embeds the desired state: secrets read with env() or\n"
    "file() only as references and keyed fingerprints, sensitive values written in\n"
    "the specs as they are, so keep it like the specs (docs/plan-format.md).\n"
    "\n"
    "Exit status: 0 nothing to do, 2 changes, 1 errors (the other hosts are still\n"
    "planned).\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    also save the plan (JSON) to FILE\n"
    "  --format FORMAT      text (default; coloured on a terminal), json, markdown\n"
    "                       for a pull-request comment (always under 65,000 chars), or\n"
    "                       prometheus (metrics, as `kilter drift` writes them)\n" KILTER_RECONCILE_FLAGS_HELP;

int Run(const std::vector<std::string>& argv) {
  RunClock::time_point started = RunClock::now();
  Args args(argv, ReconcileFlags({}), ReconcileOptions({"output"}), {{"o", "output"}});
  reconciler::PlanOptions options = ReadPlanOptions(args);
  std::unique_ptr<reconciler::Timings> timings = MakeTimings(args);
  options.timings = timings.get();
  RenderPlan(reconciler::Plan{}, args);  // rejects a bad --format before any work
  std::optional<reconciler::Plan> planned = PlanSpecs(argv, options);
  if (!planned) return 1;
  reconciler::Plan& plan = *planned;
  if (args.Has("output")) {
    WriteFileAtomically(args.Get("output"), reconciler::ToJson(plan, false).dump(2) + "\n");
  }
  fmt::print("{}", RenderPlan(plan, args));
  std::fflush(stdout);
  AppendRunLog(args, plan,
               {"plan", plan.created,
                std::chrono::duration<double>(RunClock::now() - started).count(),
                reconciler::ExitCode(plan)});
  PrintTimings(timings.get(), "kilter plan: timings (ms)", started);
  return reconciler::ExitCode(plan);
}

}  // namespace

const CommandSpec kPlanCommand = {
    "plan", "show what apply would change on the hosts; exit 2 when there are changes", kHelp,
    &Run};

}  // namespace kilter::cli
