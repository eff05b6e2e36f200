#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/php_fpm_pool/host_read.h"

/// `kilter import --type php.fpm_pool`: the pools of PHP-FPM's pool
/// directory as php.fpm_pool resources (docs/providers/php.fpm_pool.md,
/// Import).
namespace kilter::reconciler::php_fpm_pool {

/// --pool NAME.
std::vector<ImportFilter> ImportFilters();

/// One resource per pool the files of `state` define (those `pools` names;
/// all without), named after it, with the values the files persist; a
/// comment naming the directives the files leave to defaults (the plan
/// writes them), a note for each directive the schema cannot declare and
/// each pool without `listen`. `declared` pools are left out.
kit::SpecFile ImportedPools(const std::string& host, const HostState& state,
                            const std::vector<std::string>& pools,
                            const std::vector<std::string>& declared);

}  // namespace kilter::reconciler::php_fpm_pool
