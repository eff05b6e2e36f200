#pragma once

#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/redis_server/host_read.h"

namespace kilter::reconciler::redis_server {

/// kilter's file for `resource`: its mark, then one line per declared setting.
std::string RenderFile(const catalog::Resource& resource, const std::string& host);

/// Desired vs live for one server. Pure. Throws ProviderError naming host,
/// resource and spec location when the config file does not include
/// kilter's file (with the line to add), and for a parameter the server
/// does not have.
Change DiffServer(const std::string& host, const catalog::Resource& resource,
                  const ServerState& state);

}  // namespace kilter::reconciler::redis_server
