#pragma once

#include <string>

namespace kilter::reconciler::kit {

/// A /bin/sh line for a script a type runs on the host: when `command` is
/// not on the host, it says "TOOL (COMMAND) is not installed on this host:
/// WHY (install it, or set [providers."TYPE"] SETTING)" on stderr and exits
/// 127. `setting` "" leaves out the setting (a tool no setting points at).
std::string NeedTool(const std::string& command, const std::string& tool, const std::string& why,
                     const std::string& type, const std::string& setting);

}  // namespace kilter::reconciler::kit
