#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/php_fpm_pool/host_read.h"
#include "reconciler/providers/php_fpm_pool/settings.h"

namespace kilter::reconciler::php_fpm_pool {

/// The handler every pool file change notifies: a graceful reload of PHP-FPM
/// (the same id php.opcache notifies, so a host reloads once).
inline constexpr const char* kHandler = "php-fpm";

/// Desired vs live for one host: one Change per desired pool, judged in its
/// three planes (declared, persisted in the pool directory, live: what the
/// running master loaded and its status page reports), and a kDelete per
/// kilter pool file whose resource is no longer declared. Pure. Throws
/// ProviderError when php-fpm.conf is missing or does not include the pool
/// directory.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state);

}  // namespace kilter::reconciler::php_fpm_pool
