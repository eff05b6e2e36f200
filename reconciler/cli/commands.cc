#include "reconciler/cli/command.h"

namespace kilter::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
  };
  return kCommands;
}

}  // namespace kilter::cli
