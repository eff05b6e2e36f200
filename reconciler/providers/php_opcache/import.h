#pragma once

#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/php_opcache/live_config.h"

/// `kilter import --type php.opcache`: a PHP installation's effective OPcache
/// configuration as one php.opcache resource (docs/providers/php.opcache.md,
/// Import).
namespace kilter::reconciler::php_opcache {

/// --directive NAME.
std::vector<ImportFilter> ImportFilters();

/// One resource "opcache" with every directive (or those --directive names)
/// whose effective value differs from the schema's default in `defaults`
/// (a --directive is written even when it does not); a comment on a value
/// no ini file sets (PHP's built-in default), a note for a directive this
/// PHP lacks or a value the schema cannot say.
kit::SpecFile ImportedOpcache(const std::string& host, const LiveConfig& live,
                              const catalog::Resource& defaults, const ImportRequest& request);

}  // namespace kilter::reconciler::php_opcache
