#pragma once

#include <string>
#include <vector>

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// A bash completion script for kilter: the commands of `commands` as the
/// first word, then the flags each one's --help names (file names otherwise).
std::string BashCompletion(const std::vector<CommandSpec>& commands);

}  // namespace kilter::cli
