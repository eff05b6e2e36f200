#include "reconciler/cli/backup_command.h"
#include "reconciler/cli/command.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/reconcile_commands.h"

namespace kilter::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      kCheckCommand,
      kCompileCommand,
      kFmtCommand,
      kGraphCommand,
      kPlanCommand,
      kApplyCommand,
      kDriftCommand,
      kImportCommand,
      kBackupCommand,
      kForgetCommand,
      kExplainCommand,
  };
  return kCommands;
}

}  // namespace kilter::cli
