#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::nginx_upstream {

/// nginx.upstream: a pool of backend servers behind nginx. Owns one nginx
/// file per upstream (CONF_DIR/kilter-upstream-NAME.conf), read in one batch
/// per host and applied through kit::ApplyNginxFiles (nginx -t, a proven
/// reload, the previous files restored when it does not take). A drained
/// server is marked `down`, and apply waits until nginx holds no connection
/// to it.
std::unique_ptr<Provider> MakeNginxUpstreamProvider();

}  // namespace kilter::reconciler::nginx_upstream
