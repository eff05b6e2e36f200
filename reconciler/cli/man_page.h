#pragma once

#include <string>
#include <vector>

#include "reconciler/cli/command.h"

namespace kilter::cli {

/// kilter(1) in roff: the synopsis, then one section per command of `commands`
/// made from its --help text (usage, paragraphs, flag lists).
std::string ManPage(const std::vector<CommandSpec>& commands, const std::string& version);

}  // namespace kilter::cli
