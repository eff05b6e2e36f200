#pragma once

#include <memory>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::redis_server {

/// redis.server: a running redis-server's settings, live through CONFIG SET
/// and persisted in a file kilter owns that the server's config includes
/// (docs/providers/redis.server.md).
class RedisProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "redis.server"; }
  std::vector<std::string> types() const override { return {"redis.server"}; }

  /// One batch for every server of the host: CONFIG GET *, COMMAND INFO
  /// where renames are declared, the config files.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// CONFIG SET for each dynamic setting whose live value differs, then
  /// kilter's files; when the server refuses a value or a file cannot be
  /// written, puts the live values back and persists nothing more.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;

  std::vector<ImportFilter> ImportFilters() const override;
  /// One batch: CONFIG GET * and the config files of the --address server.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeRedisProvider();

}  // namespace kilter::reconciler::redis_server
