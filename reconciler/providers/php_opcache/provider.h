#pragma once

#include <memory>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_opcache {

/// php.opcache: one ini file per resource in a directory PHP-FPM scans,
/// judged on the effective configuration the host's PHP reports
/// (docs/providers/php.opcache.md).
class PhpOpcacheProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "php.opcache"; }
  std::vector<std::string> types() const override { return {"php.opcache"}; }

  /// One command: the host's PHP prints its effective opcache configuration,
  /// where each directive is set, and kilter's files in ini_dir.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// One command: PHP starts on a scratch copy of its configuration with the
  /// planned files in place; new startup errors or a value that would not
  /// take effect fail the plan.
  void Validate(Transport& transport, const ProviderContext& context,
                std::vector<Change>& changes) override;
  /// Checks the staged configuration, writes the files atomically, checks the
  /// real configuration with PHP, and restores the previous files if PHP
  /// rejects it.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;
  std::vector<ImportFilter> ImportFilters() const override;
  /// Read's one command; nothing when the specs declare php.opcache on the
  /// host already (it is host-wide: they say every directive).
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override;
  /// "php-fpm": the `reload` setting.
  std::vector<Handler> Handlers(const ProviderContext& context) const override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakePhpOpcacheProvider();

}  // namespace kilter::reconciler::php_opcache
