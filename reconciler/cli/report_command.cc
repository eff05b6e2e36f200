#include "reconciler/cli/report_command.h"

#include <cstdio>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/plan_file.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/plan/merge.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter report merge FILE... [--format text|json|markdown|prometheus] [-o FILE]\n"
    "\n"
    "Joins the JSON plans (saved with -o or printed with --format json) or drift\n"
    "reports (printed with --format json) that `kilter plan` or `kilter drift` made\n"
    "of every shard K/N of one run into the plan or report one unsharded run would\n"
    "have made, and prints it as plan and drift do. Refuses, naming the files,\n"
    "shards and hosts, when a shard is missing or given twice, a host is in two\n"
    "files, or the files mix plans with drift reports, shard counts, or specs.\n"
    "\n"
    "Exit status: 0 nothing to do (no drift), 2 changes (drift), 1 errors: in a\n"
    "shard, or shards that do not make up one run.\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    also save the merged plan (JSON) to FILE; merged from\n"
    "                       plans saved with -o, `kilter apply FILE` carries it out\n"
    "  --format FORMAT      text (default; coloured on a terminal), json, markdown\n"
    "                       for a pull-request comment (always under 65,000 chars), or\n"
    "                       prometheus: the metrics of `kilter drift --format prometheus`\n"
    "  --color WHEN         colour text: auto (default), always or never\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"format", "output", "color"}, {{"o", "output"}});
  const std::vector<std::string>& pos = args.positionals();
  if (pos.empty() || pos[0] != "merge") throw UsageError("expected `kilter report merge FILE...`");
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
    "report", "merge the JSON plans or drift reports of every --shard into one", kHelp, &Run};

}  // namespace kilter::cli
