#pragma once

#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/redis_server/host_read.h"
#include "reconciler/providers/redis_server/settings.h"

namespace kilter::reconciler::redis_server {

/// kilter's file for `resource`: its mark, then one line per declared setting.
std::string RenderFile(const catalog::Resource& resource, const std::string& host);

/// Desired vs live for one server. Pure. Throws ProviderError naming host,
/// resource and spec location when the config file does not include
/// kilter's file (with the line to add), and for a parameter the server
/// does not have.
/// With restart = "allowed", a restart-only setting not yet live is an
/// update whose last action restarts the server (config_check.h).
Change DiffServer(const std::string& host, const catalog::Resource& resource,
                  const Settings& settings, const ServerState& state);

}  // namespace kilter::reconciler::redis_server
