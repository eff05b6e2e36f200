#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "reconciler/cli/backup_command.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/providers/backup_policy/operations.h"
#include "reconciler/providers/provider.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter backup run NAME [PATH...] [--time TIME] [--host NAME] [flags]\n"
    "       kilter backup verify NAME [PATH...] [--host NAME] [flags]\n"
    "\n"
    "Works on the backup.policy resources named NAME in the specs under PATH (default:\n"
    "the current directory), on every host they are declared on (or --host).\n"
    "\n"
    "  run      runs the policy's installed job now: the backup, then restic's forget\n"
    "           and prune with the policy's retention. The policy must have been applied.\n"
    "  verify   restores the latest snapshot to a scratch place and checks it: a\n"
    "           database is loaded into a scratch database and its tables and exact\n"
    "           row counts compared with the source; paths are compared file by file\n"
    "           (sha256) with the source. Scratch data is removed afterwards.\n"
    "\n"
    "Exit status: 0 when every run succeeded or every verification matched, 1 otherwise.\n"
    "\n"
    "flags:\n"
    "  --time TIME          (run) the snapshot time, passed to restic backup --time,\n"
    "                       e.g. \"2026-11-01 03:00:00\"\n"
    "  --host NAME          only this host (repeatable)\n"
    "  --inventory FILE     the inventory (default: kilter.toml beside the specs)\n"
    "  --param NAME=VALUE   override a `param` (repeatable)\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"time", "host", "inventory", "param", "color"});
  const auto& pos = args.positionals();
  if (pos.size() < 2 || (pos[0] != "run" && pos[0] != "verify")) {
    throw UsageError("expected `kilter backup run NAME` or `kilter backup verify NAME`");
  }
  if (pos[0] == "verify" && args.Has("time")) throw UsageError("--time is for `backup run`");
  const std::string& name = pos[1];
  // The specs are compiled with the paths and the compile flags only.
  catalog::Catalog catalog;
  if (!CompileSpecs(CompileArgv(args, 2), catalog)) return 1;
  ResolveCatalogSecrets(catalog, reconciler::SecretMode::kRecord);

  std::vector<std::string> hosts = args.GetAll("host");
  std::vector<std::string> names;
  std::vector<const catalog::Resource*> policies;
  for (const catalog::Resource& r : catalog.resources) {
    if (r.type != "backup.policy") continue;
    names.push_back(r.name);
    bool host_ok = hosts.empty() || std::find(hosts.begin(), hosts.end(), r.host) != hosts.end();
    if (r.name == name && host_ok) policies.push_back(&r);
  }
  if (policies.empty()) {
    std::string hint = compiler::DidYouMean(name, names);
    fmt::print(stderr, "kilter backup: no backup.policy named \"{}\"{}{}\n", name,
               hosts.empty() ? "" : " on the hosts given", hint.empty() ? "" : " (" + hint + ")");
    return 1;
  }
  std::unique_ptr<reconciler::Provider> provider = reconciler::MakeProvider("backup.policy");
  reconciler::Connector connect = RealConnector(catalog);
  bool all_ok = true;
  for (const catalog::Resource* policy : policies) {
    const catalog::Host* host = catalog.FindHost(policy->host);
    nlohmann::json settings = reconciler::MergedSettings(*provider, *host);
    reconciler::backup::Report report;
    try {
      std::unique_ptr<reconciler::Transport> transport = connect(*host);
      report = pos[0] == "run" ? reconciler::backup::RunNow(*transport, settings, *policy, args.Get("time"))
                               : reconciler::backup::Verify(*transport, settings, *policy);
    } catch (const std::exception& e) {
      report.lines.push_back(fmt::format("{}: {}", policy->Address(), e.what()));
    }
    for (const std::string& line : report.lines) fmt::print("{}\n", line);
    all_ok &= report.ok;
  }
  return all_ok ? 0 : 1;
}

}  // namespace

const CommandSpec kBackupCommand = {"backup", "run a backup.policy now, or verify its latest snapshot restores",
                                    kHelp, &Run};

}  // namespace kilter::cli
