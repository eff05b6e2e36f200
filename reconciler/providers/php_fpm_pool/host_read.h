#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/php_fpm_pool/pool_file.h"
#include "reconciler/providers/php_fpm_pool/settings.h"

/// What php.fpm_pool reads on a host, in one batch: every *.conf file of the
/// pool directory (content and mtime), php-fpm.conf, the master's pid file
/// (is it running, and when did it last load its configuration: FPM
/// rewrites the pid file at start and at every reload), and the status page
/// of every declared pool that has one.
namespace kilter::reconciler::php_fpm_pool {

/// A pool's status page as read through its socket.
struct StatusRead {
  bool ok = false;
  nlohmann::json page;  ///< ok: FPM's JSON status ("process manager", "total processes", ...)
  std::string error;    ///< !ok: what the FastCGI client said
};

/// What a host holds, as the provider's LiveState carries it.
struct HostState {
  std::vector<PoolFile> files;  ///< the pool directory's *.conf files, in FPM's load order
  bool includes_pool_dir = false;  ///< php-fpm.conf includes POOL_DIR/*.conf
  bool conf_exists = false;
  bool running = false;            ///< the pid file names a live process
  int64_t loaded_at = 0;           ///< running: the pid file's mtime
  std::map<std::string, StatusRead> status;  ///< by pool name

  nlohmann::json ToJson() const;
  /// Throws std::invalid_argument on a document ToJson did not write.
  static HostState FromJson(const nlohmann::json& json);
};

/// The batch that reads the host for the `desired` pools.
kit::ReadBatch ReadBatchFor(const Settings& settings,
                            const std::vector<const catalog::Resource*>& desired);

/// The state the batch read.
HostState StateFrom(const Settings& settings, const std::vector<const catalog::Resource*>& desired,
                    const kit::BatchResult& read);

/// Where a FastCGI client connects for `listen`: a socket path as is, a port
/// alone or a wildcard address on 127.0.0.1 ("9000" -> "127.0.0.1:9000").
std::string ConnectAddress(const std::string& listen);

/// The status page JSON in a FastCGI client's output (headers, a blank line,
/// the body); throws std::invalid_argument when the body is not FPM's status.
nlohmann::json ParseStatus(const std::string& out, const std::string& pool);

}  // namespace kilter::reconciler::php_fpm_pool
