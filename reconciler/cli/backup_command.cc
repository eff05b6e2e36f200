#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "reconciler/apply/lock.h"
#include "reconciler/cli/backup_command.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/backup_policy/operations.h"
#include "reconciler/providers/backup_policy/restore.h"
#include "reconciler/providers/provider.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter backup run NAME [PATH...] [--time TIME] [--host NAME] [flags]\n"
    "       kilter backup verify NAME [PATH...] [--host NAME] [flags]\n"
    "       kilter backup restore NAME [PATH...] --to DATABASE [--snapshot ID | --before TIME]\n"
    "                             [--replace] [--host NAME] [flags]\n"
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
    "  restore  restores a database snapshot (the newest, --snapshot ID, or the newest\n"
    "           older than --before) into the new database --to, which must not exist,\n"
    "           checks every table's row count against the counts the snapshot records,\n"
    "           and prints how long it took. A failed restore drops what it created.\n"
    "           --replace then swaps it into the live database in one RENAME TABLE,\n"
    "           keeping the old tables in DATABASE_before_restore_<UTC time>; it takes\n"
    "           the host's apply lock, so it is refused while an apply runs.\n"
    "\n"
    "Exit status: 0 when every run succeeded or every verification or restore matched,\n"
    "1 otherwise.\n"
    "\n"
    "flags:\n"
    "  --time TIME          (run) the snapshot time, passed to restic backup --time,\n"
    "                       e.g. \"2026-11-01 03:00:00\"\n"
    "  --to DATABASE        (restore) the new database to restore into\n"
    "  --snapshot ID        (restore) the snapshot, by id or a prefix of it\n"
    "  --before TIME        (restore) the newest snapshot older than TIME (RFC 3339,\n"
    "                       e.g. 2026-11-27T03:00:00Z)\n"
    "  --replace            (restore) swap the verified restore into the live database\n"
    "  --host NAME          only this host (repeatable)\n"
    "  --inventory FILE     the inventory (default: kilter.toml beside the specs)\n"
    "  --param NAME=VALUE   override a `param` (repeatable)\n";

/// The restore flags, checked before anything is compiled or contacted.
reconciler::backup::RestoreRequest RestoreFlags(const Args& args) {
  reconciler::backup::RestoreRequest request;
  if (!args.Has("to")) throw UsageError("`backup restore` needs --to DATABASE");
  if (args.Has("snapshot") && args.Has("before")) {
    throw UsageError("--snapshot and --before both choose the snapshot: give one");
  }
  request.to = args.Get("to");
  request.snapshot = args.Get("snapshot");
  request.replace = args.Has("replace");
  if (args.Has("before")) {
    std::string before = args.Get("before");
    if (before.size() > 10 && before[10] == ' ') before[10] = 'T';
    request.before = reconciler::ParseRfc3339(before);
    if (!request.before) {
      throw UsageError("--before " + args.Get("before") +
                       ": expected an RFC 3339 time such as 2026-11-27T03:00:00Z");
    }
  }
  return request;
}

/// Runs `verb` for one policy on its host; a restore --replace holds the
/// host's apply lock throughout.
reconciler::backup::Report RunOn(reconciler::Transport& transport, const catalog::Host& host,
                                 const nlohmann::json& settings, const catalog::Resource& policy,
                                 const std::string& verb, const Args& args,
                                 const reconciler::backup::RestoreRequest& request) {
  if (verb == "run") return reconciler::backup::RunNow(transport, settings, policy, args.Get("time"));
  if (verb == "verify") return reconciler::backup::Verify(transport, settings, policy);
  std::optional<reconciler::HostLock> lock;
  if (request.replace) {
    try {
      lock.emplace(reconciler::HostLock::Acquire(transport, reconciler::EngineSettingsFor(host),
                                                 reconciler::CurrentHolder(reconciler::NewRunId())));
    } catch (const reconciler::LockHeld& e) {
      return {false, {fmt::format("{}: restore --replace refused, nothing was changed: {}",
                                  policy.Address(), e.what())}};
    }
  }
  return reconciler::backup::Restore(transport, settings, policy, request);
}

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {"replace"},
            {"time", "host", "inventory", "param", "color", "to", "snapshot", "before"});
  const auto& pos = args.positionals();
  if (pos.size() < 2 || (pos[0] != "run" && pos[0] != "verify" && pos[0] != "restore")) {
    throw UsageError(
        "expected `kilter backup run NAME`, `kilter backup verify NAME` or "
        "`kilter backup restore NAME --to DATABASE`");
  }
  if (pos[0] != "run" && args.Has("time")) throw UsageError("--time is for `backup run`");
  for (const char* flag : {"to", "snapshot", "before", "replace"}) {
    if (pos[0] != "restore" && args.Has(flag)) {
      throw UsageError(fmt::format("--{} is for `backup restore`", flag));
    }
  }
  reconciler::backup::RestoreRequest request;
  if (pos[0] == "restore") request = RestoreFlags(args);
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
      report = RunOn(*transport, *host, settings, *policy, pos[0], args, request);
    } catch (const std::exception& e) {
      report.lines.push_back(fmt::format("{}: {}", policy->Address(), e.what()));
    }
    for (const std::string& line : report.lines) fmt::print("{}\n", line);
    all_ok &= report.ok;
  }
  return all_ok ? 0 : 1;
}

}  // namespace

const CommandSpec kBackupCommand = {"backup", "run a backup.policy now, verify its latest snapshot restores, or restore one",
                                    kHelp, &Run};

}  // namespace kilter::cli
