#include "reconciler/cli/backup_command.h"
#include "reconciler/cli/command.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/export_command.h"
#include "reconciler/cli/maintenance_command.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/report_command.h"

namespace kilter::cli {

const char kKilterSummary[] =
    "a declarative configuration compiler and reconciler for web operations";

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      kCheckCommand,
      kCompileCommand,
      kFmtCommand,
      kGraphCommand,
      kPlanCommand,
      kApplyCommand,
      kDriftCommand,
      kProbeCommand,
      kReportCommand,
      kExportCommand,
      kImportCommand,
      kBackupCommand,
      kMaintenanceCommand,
      kForgetCommand,
      kExplainCommand,
  };
  return kCommands;
}

}  // namespace kilter::cli
