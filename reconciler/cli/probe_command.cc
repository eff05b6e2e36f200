#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "reconciler/cli/probe_report.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/cli/run_log_file.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter probe [PATH...] [--format text|json] [flags]\n"
    "\n"
    "Runs only the health checks (health.check resources): each is probed from its\n"
    "host itself, over the host's transport, `samples` times, and judged on the\n"
    "status, the body, and the median and worst latency. Prints every check, ok or\n"
    "FAIL with what was measured; hosts without a check are not contacted. Nothing\n"
    "on any host is changed.\n"
    "\n"
    "Exit status: 0 every check healthy, 2 a check failing, 1 errors (as drift).\n"
    "\n"
    "flags:\n"
    "  --format FORMAT      text (default) or json\n" KILTER_RECONCILE_FLAGS_HELP;

/// The probe in the --format asked for; throws UsageError for another.
std::string Render(const reconciler::Plan& plan, const std::string& format) {
  if (format == "text") return RenderProbeText(plan);
  if (format == "json") return ProbeJson(plan).dump(2) + "\n";
  throw UsageError(fmt::format("--format is text or json, not \"{}\"", format));
}

int Run(const std::vector<std::string>& argv) {
  RunClock::time_point started = RunClock::now();
  Args args(argv, ReconcileFlags({}), ReconcileOptions({}));
  reconciler::PlanOptions options = ReadPlanOptions(args);
  std::unique_ptr<reconciler::Timings> timings = MakeTimings(args);
  options.timings = timings.get();
  options.kind = "drift";
  options.only_types = {"health.check"};
  std::string format = args.Get("format", "text");
  Render(reconciler::Plan{}, format);  // rejects a bad --format before any work
  std::optional<reconciler::Plan> planned = PlanSpecs(argv, options);
  if (!planned) return 1;
  fmt::print("{}", Render(*planned, format));
  std::fflush(stdout);
  AppendRunLog(args, *planned,
               {"probe", planned->created,
                std::chrono::duration<double>(RunClock::now() - started).count(),
                ProbeExitCode(*planned)});
  PrintTimings(timings.get(), "kilter probe: timings (ms)", started);
  return ProbeExitCode(*planned);
}

}  // namespace

const CommandSpec kProbeCommand = {
    "probe", "run the health checks from their hosts; exit 2 when one fails", kHelp, &Run};

}  // namespace kilter::cli
