#include "reconciler/cli/maintenance_command.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "reconciler/cli/args.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/engine/planner.h"
#include "reconciler/providers/mysql_maintenance/run.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/settings.h"
#include "reconciler/transport/local_transport.h"

namespace kilter::cli {

namespace {

namespace mm = reconciler::mysql_maintenance;

constexpr char kHelp[] =
    "usage: kilter maintenance run NAME [PATH...] [--force] [--host NAME] [flags]\n"
    "       kilter maintenance job --name NAME --database DB ... [--force]\n"
    "\n"
    "  run   runs the mysql.maintenance resources named NAME in the specs under PATH\n"
    "        (default: the current directory) now, on every host they are declared on\n"
    "        (or --host): ANALYZE TABLE on each table, OPTIMIZE TABLE on those whose\n"
    "        free space is over optimize_when.free_over, a table started only inside\n"
    "        the window. Prints each table's action, duration and result, and records\n"
    "        them on the host, where drift reads them.\n"
    "  job   the same run on this machine, as the cron file kilter installs starts it:\n"
    "        the job comes from the flags the cron file holds, not from specs.\n"
    "\n"
    "Outside the window a run refuses to start; --force starts it anyway and works\n"
    "on past the window's end.\n"
    "\n"
    "Exit status: 0 when every run did every step, 1 otherwise.\n"
    "\n"
    "flags:\n"
    "  --force              run outside the window\n"
    "  --host NAME          (run) only this host (repeatable)\n"
    "  --inventory FILE     (run) the inventory (default: kilter.toml beside the specs)\n"
    "  --param NAME=VALUE   (run) override a `param` (repeatable)\n";

/// Prints what a run did (or why it did not start); true when it did every step.
bool Report(const std::string& address, const mm::RunOutcome& outcome) {
  if (!outcome.started) {
    fmt::print("{}\n", outcome.refusal);
    return false;
  }
  fmt::print("{}: maintenance of database {}\n", address, outcome.record.database);
  for (const std::string& line : mm::Describe(outcome.record)) fmt::print("  {}\n", line);
  return outcome.record.Ok();
}

int RunJob(const Args& args) {
  mm::JobFlags flags;
  for (const std::string& name : mm::JobFlagNames()) {
    if (args.Has(name)) flags[name] = args.GetAll(name);
  }
  auto [job, settings] = mm::JobFromFlags(flags);
  reconciler::LocalTransport transport(job.host);
  return Report(job.Address(), mm::RunMaintenance(transport, settings, job, args.Has("force")))
             ? 0
             : 1;
}

int RunNamed(const Args& args) {
  const std::string& name = args.positionals()[1];
  catalog::Catalog catalog;
  if (!CompileSpecs(CompileArgv(args, 2), catalog)) return 1;
  std::vector<std::string> hosts = args.GetAll("host");
  std::vector<std::string> names;
  std::vector<const catalog::Resource*> resources;
  for (const catalog::Resource& r : catalog.resources) {
    if (r.type != mm::kType) continue;
    names.push_back(r.name);
    bool host_ok = hosts.empty() || std::find(hosts.begin(), hosts.end(), r.host) != hosts.end();
    if (r.name == name && host_ok) resources.push_back(&r);
  }
  if (resources.empty()) {
    std::string hint = compiler::DidYouMean(name, names);
    fmt::print(stderr, "kilter maintenance: no mysql.maintenance named \"{}\"{}{}\n", name,
               hosts.empty() ? "" : " on the hosts given", hint.empty() ? "" : " (" + hint + ")");
    return 1;
  }
  std::unique_ptr<reconciler::Provider> provider = reconciler::MakeProvider(mm::kType);
  reconciler::Connector connect = RealConnector(catalog);
  bool all_ok = true;
  for (const catalog::Resource* r : resources) {
    const catalog::Host* host = catalog.FindHost(r->host);
    try {
      mm::Settings settings = reconciler::TypedSettings<mm::Settings>(
          reconciler::MergedSettings(*provider, *host), mm::kType);
      std::unique_ptr<reconciler::Transport> transport = connect(*host);
      all_ok &= Report(r->Address(), mm::RunMaintenance(*transport, settings, mm::Job::From(*r),
                                                        args.Has("force")));
    } catch (const std::exception& e) {
      fmt::print("{}: {}\n", r->Address(), e.what());
      all_ok = false;
    }
  }
  return all_ok ? 0 : 1;
}

int Run(const std::vector<std::string>& argv) {
  std::set<std::string> options = {"host", "inventory", "param", "color"};
  for (const std::string& name : mm::JobFlagNames()) options.insert(name);
  Args args(argv, {"force"}, options);
  const auto& pos = args.positionals();
  if (!pos.empty() && pos[0] == "job" && pos.size() == 1) {
    try {
      return RunJob(args);
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      return 1;
    }
  }
  if (pos.size() < 2 || pos[0] != "run") {
    throw UsageError("expected `kilter maintenance run NAME` or `kilter maintenance job --name ...`");
  }
  for (const std::string& name : mm::JobFlagNames()) {
    if (args.Has(name) && name != "host") {
      throw UsageError(fmt::format("--{} is for `maintenance job`", name));
    }
  }
  return RunNamed(args);
}

}  // namespace

const CommandSpec kMaintenanceCommand = {
    "maintenance", "run a mysql.maintenance now: ANALYZE and OPTIMIZE TABLE inside its window",
    kHelp, &Run};

}  // namespace kilter::cli
