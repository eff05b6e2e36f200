#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/redis_server/host_read.h"

/// `kilter import --type redis.server`: a running redis-server's settings as
/// one redis.server resource (docs/providers/redis.server.md, Import).
namespace kilter::reconciler::redis_server {

/// --address, --config-file, --password-env, --setting.
std::vector<ImportFilter> ImportFilters();

/// The resource for the server `state` describes: `settings` (CONFIG GET
/// names; empty: every directive its config files set) with their live
/// values, the typed fields where the schema has one and `parameters` for
/// the rest; requirepass as env(`password_env`). `resource` holds its
/// name, address and config_file. A comment where the files start the
/// server with another value or with none; notes for what cannot be
/// declared (masterauth, rename-command, a name CONFIG GET does not list).
kit::SpecFile ImportedServer(const catalog::Resource& resource, const ServerState& state,
                             std::vector<std::string> settings,
                             const std::string& password_env);

/// Reads the server in one batch (CONFIG GET *, its config files).
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::redis_server
