#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_server/server_state.h"
#include "reconciler/providers/mysql_server/settings.h"

namespace kilter::reconciler::mysql_server {

/// kilter's option file for `resource`: its mark, then `[mysqld]` and one
/// `name = value` line per declared variable, in the server's terms.
std::string RenderFile(const catalog::Resource& resource, const std::string& host,
                       const ServerState& state);

/// One change per declared resource, judged in three planes (kit
/// setting_planes.h), and a delete for each of kilter's files whose resource
/// left the specs. Throws ProviderError for a variable the server does not
/// have or a value it would refuse or change, naming the spec location.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const ServerState& state);

}  // namespace kilter::reconciler::mysql_server
