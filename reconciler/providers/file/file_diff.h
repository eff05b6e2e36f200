#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"

namespace kilter::reconciler::file {

/// Desired files against what the read found (FileProvider::Read's
/// LiveState): a change per desired file, a delete per manifest entry no
/// longer declared. Pure. Throws ProviderError naming the resource when a
/// file cannot be planned (unreadable, not a regular file, its directory
/// missing, two resources on one path).
std::vector<Change> DiffFiles(const std::string& host,
                              const std::vector<const catalog::Resource*>& desired,
                              const nlohmann::json& live);

}  // namespace kilter::reconciler::file
