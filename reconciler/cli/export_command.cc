#include "reconciler/cli/export_command.h"

#include <fmt/format.h>

#include "compiler/catalog/units.h"
#include "reconciler/cli/alert_rules.h"
#include "reconciler/cli/args.h"
#include "reconciler/cli/atomic_file.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter export alerts [-o FILE] [flags]\n"
    "\n"
    "Writes a Prometheus rule file (one group, `kilter`) that alerts on the metrics\n"
    "`kilter drift` exports: drift left on a host, a host kilter cannot read, a\n"
    "nightly run that stopped (no run for 26h), a backup older than its schedule\n"
    "plus grace, a failing or slow health check, pending handlers and expired\n"
    "suppressions. Check it with `promtool check rules`; the runbooks are in\n"
    "docs/operations.md.\n"
    "\n"
    "Exit status: 0 when the file was written, 1 otherwise.\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE        write the rules to FILE (default: standard output)\n"
    "  --drift-for DURATION     how long drift may stay before it alerts (default 6h)\n"
    "  --backup-grace DURATION  how late a backup may be past its schedule (default 2h)\n"
    "  --unreachable-for DURATION\n"
    "                           how long a host may stay unread (default 15m)\n"
    "  --runbook-url URL        where docs/operations.md is published; each alert's\n"
    "                           runbook_url is URL#alertname (default docs/operations.md)\n";

/// A duration flag in milliseconds, whole seconds (Prometheus' resolution).
int64_t DurationFlag(const Args& args, const std::string& name, int64_t fallback) {
  if (!args.Has(name)) return fallback;
  catalog::units::Parsed d = catalog::units::ParseDuration(args.Get(name));
  if (!d.error.empty() || d.value <= 0 || d.value % 1000 != 0) {
    throw UsageError(fmt::format("--{} takes a duration of whole seconds such as 6h, not \"{}\"",
                                 name, args.Get(name)));
  }
  return d.value;
}

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"output", "drift-for", "backup-grace", "unreachable-for", "runbook-url"},
            {{"o", "output"}});
  const std::vector<std::string>& pos = args.positionals();
  if (pos.size() != 1 || pos[0] != "alerts") throw UsageError("expected `kilter export alerts`");
  AlertThresholds t;
  t.drift_for_ms = DurationFlag(args, "drift-for", t.drift_for_ms);
  t.backup_grace_ms = DurationFlag(args, "backup-grace", t.backup_grace_ms);
  t.unreachable_for_ms = DurationFlag(args, "unreachable-for", t.unreachable_for_ms);
  t.runbook_url = args.Get("runbook-url", t.runbook_url);
  WriteOutput(args.Get("output", "-"), RenderAlertRules(t));
  return 0;
}

}  // namespace

const CommandSpec kExportCommand = {
    "export", "write Prometheus alerting rules for kilter's metrics", kHelp, &Run};

}  // namespace kilter::cli
