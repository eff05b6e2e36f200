#include "reconciler/cli/command.h"
#include "reconciler/cli/compile_commands.h"

namespace kilter::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      kCheckCommand,
      kCompileCommand,
      kFmtCommand,
      kGraphCommand,
      kExplainCommand,
  };
  return kCommands;
}

}  // namespace kilter::cli
