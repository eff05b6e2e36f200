#pragma once

#include <string>

namespace kilter::reconciler::kit {

/// True when `name` is non-empty and only letters, digits, '_' and '-' (and
/// '.' when `dots`): what kilter can put into nginx names (an upstream, a
/// zone, a variable) and the file names beside them.
bool IsNginxName(const std::string& name, bool dots);

}  // namespace kilter::reconciler::kit
