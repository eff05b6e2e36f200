#pragma once

#include <memory>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_fpm_pool {

/// php.fpm_pool: PHP-FPM pools, each in a pool file kilter owns in FPM's pool
/// directory, checked with `php-fpm -t` at plan and reloaded gracefully by
/// the php-fpm handler (docs/providers/php.fpm_pool.md).
class FpmPoolProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "php.fpm_pool"; }
  std::vector<std::string> types() const override { return {"php.fpm_pool"}; }

  /// One batch: the pool directory, php-fpm.conf, the pid file, status pages.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// `php-fpm -t` on the configuration with the planned pool files staged.
  void Validate(Transport& transport, const ProviderContext& context,
                std::vector<Change>& changes) override;
  /// Checks the staged configuration again, then writes and removes the pool
  /// files; when one fails, puts back those already done.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;
  /// "php-fpm" -> the reload setting; none when it is empty.
  std::vector<Handler> Handlers(const ProviderContext& context) const override;

  std::vector<ImportFilter> ImportFilters() const override;
  /// Read's one batch, for the pools of the pool directory.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeFpmPoolProvider();

}  // namespace kilter::reconciler::php_fpm_pool
