#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/php_opcache/live_config.h"
#include "reconciler/providers/php_opcache/settings.h"

namespace kilter::reconciler::php_opcache {

/// The resource type, as the marks of its files name it.
inline constexpr const char* kType = "php.opcache";

/// The handler every file change notifies.
inline constexpr const char* kHandler = "php-fpm";

/// The ini file kilter wants for one resource.
struct DesiredFile {
  const catalog::Resource* resource = nullptr;
  std::string path;
  std::string content;
};

/// Renders a resource's file. Throws ProviderError naming the resource and
/// its spec location when a value cannot be written in PHP's units.
DesiredFile RenderDesired(const Settings& settings, const catalog::Resource& resource,
                          const std::string& host);

/// The file name for resource `name` from the `file_name` setting: "{name}"
/// replaced by the name, with every character outside [A-Za-z0-9._-] made '-'.
std::string FileNameFor(const std::string& pattern, const std::string& name);

/// What a change does to files: writes (path -> content) and removals. The
/// provider recomputes it from the desired resources and the change's `live`
/// record, so a saved plan needs nothing more.
struct FileOps {
  std::vector<std::pair<std::string, std::string>> writes;
  std::vector<std::string> removes;
};

/// The file operations of `change` (kNothing: none).
FileOps OpsOf(const Change& change, const Settings& settings,
              const std::vector<const catalog::Resource*>& desired, const std::string& host);

/// Desired vs live for one host: one Change per desired resource and a
/// kDelete per managed file whose resource is no longer declared. Pure.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const LiveConfig& live);

}  // namespace kilter::reconciler::php_opcache
