#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::nginx_rate_limit {

/// nginx.rate_limit: a request (and connection) limit per client on nginx
/// locations kilter does not own. Owns two files per rate limit: the zones
/// at http level (CONF_DIR/kilter-rate-limit-NAME.conf) and the limits
/// (SNIPPET_DIR/kilter-rate-limit-NAME.conf), which each listed location
/// includes. Read in one batch per host with `nginx -T`, so a plan says
/// when a listed location does not include the snippet; applied through
/// kit::ApplyNginxFiles.
std::unique_ptr<Provider> MakeNginxRateLimitProvider();

}  // namespace kilter::reconciler::nginx_rate_limit
