#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reconciler/plan/change.h"
#include "reconciler/providers/php_fpm_pool/settings.h"
#include "reconciler/transport/transport.h"

/// PHP-FPM's own check of a configuration before kilter writes it: the pool
/// directory and php-fpm.conf copied to a scratch directory on the host, the
/// staged files applied there, `php-fpm -t` run on the copy, the copy removed.
namespace kilter::reconciler::php_fpm_pool {

/// Files to stage: path in the pool directory -> new content, or nullopt to
/// remove the file.
using StagedFiles = std::map<std::string, std::optional<std::string>>;

/// The files `changes` write and remove (kNothing ignored).
StagedFiles StagedOf(const std::vector<Change>& changes,
                     const std::vector<const catalog::Resource*>& desired,
                     const Settings& settings, const std::string& host);

/// The shell script that stages `staged` beside copies of the pool directory
/// and php-fpm.conf (its include of POOL_DIR/*.conf pointed at the copy) and
/// runs `FPM -t -y` on it; it exits with php-fpm's status.
std::string CheckScript(const Settings& settings, const StagedFiles& staged);

/// PHP-FPM's messages, one per line, without the timestamp it puts in front.
std::vector<std::string> FpmLines(const std::string& stderr_text);

/// Runs the check on the host; throws ProviderError with PHP-FPM's own
/// messages and the address and spec location of the pools in `changes` it
/// names (all of them when it names none) when PHP-FPM rejects the
/// configuration.
void RunCheck(Transport& transport, const Settings& settings, const StagedFiles& staged,
              const std::vector<Change>& changes);

}  // namespace kilter::reconciler::php_fpm_pool
