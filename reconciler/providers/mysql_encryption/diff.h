#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_encryption/host_state.h"
#include "reconciler/providers/mysql_encryption/settings.h"

namespace kilter::reconciler::mysql_encryption {

/// The tables `resource` covers, of those the server has: every one for
/// tables = "all", else the listed ones (a listed table the server lacks is
/// in `missing`).
std::vector<const TableState*> Covered(const catalog::Resource& resource, const HostState& state,
                                       std::vector<std::string>* missing = nullptr);

/// kilter's option file for `resource`: its mark, then [mysqld] with the
/// plugin, the key file and the InnoDB encryption variables.
std::string RenderFile(const catalog::Resource& resource, const std::string& host,
                       const Settings& settings);

/// Desired vs live for one host: one change per declared resource (pure).
/// Throws ProviderError for a key the plugin would not load, or for two
/// resources on one host (a server has one key file).
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state);

}  // namespace kilter::reconciler::mysql_encryption
