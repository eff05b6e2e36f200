#include "reconciler/cli/report_command.h"

#include <cstdio>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/plan_file.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/cli/report_html.h"
#include "reconciler/plan/merge.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter report merge FILE... [--format text|json|markdown|prometheus] [-o FILE]\n"
    "       kilter report html DIR --log FILE [PATH...]\n"
    "\n"
    "merge: joins the JSON plans (saved with -o or printed with --format json) or\n"
    "drift reports (printed with --format json) that `kilter plan` or `kilter drift`\n"
    "made of every shard K/N of one run into the plan or report one unsharded run\n"
    "would have made, and prints it as plan and drift do. Refuses, naming the\n"
    "files, shards and hosts, when a shard is missing or given twice, a host is in\n"
    "two files, or the files mix plans with drift reports, shard counts, or specs.\n"
    "Exit status: 0 nothing to do (no drift), 2 changes (drift), 1 errors: in a\n"
    "shard, or shards that do not make up one run.\n"
    "\n"
    "html: writes DIR/index.html, one self-contained page (no script, no external\n"
    "request, printable) from the specs at PATH and the run log that plan, apply,\n"
    "drift and probe append with --log: the targets, hosts x resource types in\n"
    "sync, drifted or failed, each drift with its diff, last apply per host,\n"
    "backup ages, certificate expiries and health-check latency over time against\n"
    "its target. Contacts no host. Exit status: 0 written, 1 errors.\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    merge: also save the merged plan (JSON) to FILE; merged\n"
    "                       from plans saved with -o, `kilter apply FILE` carries it out\n"
    "  --format FORMAT      merge: text (default; coloured on a terminal), json,\n"
    "                       markdown for a pull-request comment (always under 65,000\n"
    "                       chars), or prometheus: the metrics of `kilter drift\n"
    "                       --format prometheus`\n"
    "  --log FILE           html: the run log (docs/run-log.md)\n"
    "  --inventory FILE     html: the inventory (default: kilter.toml beside the specs)\n"
    "  --param NAME=VALUE   html: override a `param` (repeatable)\n"
    "  --color WHEN         colour text: auto (default), always or never\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"format", "output", "color", "log", "inventory", "param"},
            {{"o", "output"}});
  const std::vector<std::string>& pos = args.positionals();
  if (!pos.empty() && pos[0] == "html") return RunReportHtml(args);
  if (pos.empty() || pos[0] != "merge") {
    throw UsageError("expected `kilter report merge FILE...` or `kilter report html DIR`");
  }
  for (const char* html_only : {"log", "inventory", "param"}) {
    if (args.Has(html_only)) throw UsageError(fmt::format("report merge takes no --{}", html_only));
  }
  if (pos.size() < 2) throw UsageError("report merge needs the JSON file of every shard");
  RenderPlan(reconciler::Plan{}, args);  // rejects a bad --format before any work
  std::vector<reconciler::ShardReport> reports;
  for (size_t i = 1; i < pos.size(); ++i) reports.push_back({pos[i], ReadPlanFile(pos[i])});
  reconciler::Plan merged;
  try {
    merged = reconciler::MergeShards(reports);
  } catch (const reconciler::MergeError& e) {
    std::istringstream lines(e.what());
    for (std::string line; std::getline(lines, line);) {
      fmt::print(stderr, "kilter report merge: error: {}\n", line);
    }
    return 1;
  }
  if (args.Has("output")) {
    WriteFileAtomically(args.Get("output"), reconciler::ToJson(merged, false).dump(2) + "\n");
  }
  fmt::print("{}", RenderPlan(merged, args));
  std::fflush(stdout);
  return reconciler::ExitCode(merged);
}

}  // namespace

const CommandSpec kReportCommand = {
    "report",
    "merge the JSON reports of every --shard into one; or write the HTML report of the run log",
    kHelp, &Run};

}  // namespace kilter::cli
