#pragma once

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/restart.h"
#include "reconciler/providers/redis_server/settings.h"
#include "reconciler/transport/transport.h"

/// redis-server has no config check of its own (7.0 has no --test-config),
/// so kilter's is redis-server itself: it loads the resource's config_file,
/// and every file it includes, in a scratch server with no TCP port, a unix
/// socket and directory of its own, and no persistence; the check passes
/// once that server listens, and fails with redis-server's own words
/// ("FATAL CONFIG FILE ERROR ... Bad directive") when it exits instead.
namespace kilter::reconciler::redis_server {

kit::ConfigCheck ConfigCheck(const Settings& settings, const catalog::Resource& resource);

/// How apply restarts `resource`'s server (its `ready` left to the caller).
kit::ServiceRestart RestartOf(const Settings& settings, const catalog::Resource& resource);

}  // namespace kilter::reconciler::redis_server
