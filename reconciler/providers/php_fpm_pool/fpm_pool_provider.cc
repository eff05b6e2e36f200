#include "reconciler/providers/php_fpm_pool/fpm_pool_provider.h"

#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/write_all.h"
#include "reconciler/providers/php_fpm_pool/check.h"
#include "reconciler/providers/php_fpm_pool/diff.h"
#include "reconciler/providers/php_fpm_pool/host_read.h"
#include "reconciler/providers/php_fpm_pool/import.h"
#include "reconciler/providers/php_fpm_pool/settings.h"

namespace kilter::reconciler::php_fpm_pool {

LiveState FpmPoolProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = Settings::From(context.settings);
  kit::BatchResult read = kit::Read(transport, ReadBatchFor(settings, context.desired),
                                    context.host.name, "php.fpm_pool");
  return {StateFrom(settings, context.desired, read).ToJson()};
}

std::vector<ImportFilter> FpmPoolProvider::ImportFilters() const {
  return php_fpm_pool::ImportFilters();
}

kit::SpecFile FpmPoolProvider::Import(Transport& transport, const ProviderContext& context,
                                      const ImportRequest& request) {
  Settings settings = Settings::From(context.settings);
  kit::BatchResult read =
      kit::Read(transport, ReadBatchFor(settings, {}), context.host.name, "php.fpm_pool");
  std::vector<std::string> declared;
  for (const catalog::Resource* r : context.desired) declared.push_back(r->name);
  return ImportedPools(context.host.name, StateFrom(settings, {}, read), request.Values("pool"),
                       declared);
}

std::vector<Change> FpmPoolProvider::Diff(const ProviderContext& context, const LiveState& live) {
  try {
    return DiffHost(context.host.name, context.desired, Settings::From(context.settings),
                    HostState::FromJson(live.data));
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: php.fpm_pool: {}", context.host.name, e.what()));
  }
}

void FpmPoolProvider::Validate(Transport& transport, const ProviderContext& context,
                               std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  StagedFiles staged = StagedOf(changes, context.desired, settings, context.host.name);
  if (staged.empty()) return;
  RunCheck(transport, settings, staged, changes);
}

void FpmPoolProvider::Apply(Transport& transport, const ProviderContext& context,
                            const std::vector<Change>& changes) {
  Settings settings = Settings::From(context.settings);
  StagedFiles staged = StagedOf(changes, context.desired, settings, context.host.name);
  if (staged.empty()) return;
  // A configuration PHP-FPM rejects is never written: a reload would stop it.
  RunCheck(transport, settings, staged, changes);
  std::vector<kit::FileWrite> writes;
  for (const auto& [path, content] : staged) {
    writes.push_back({path, content, transport.ReadFile(path)});
  }
  try {
    kit::WriteAll(transport, writes);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: php.fpm_pool: {}; the pool files written before it were "
                                    "put back",
                                    context.host.name, e.what()));
  }
}

std::vector<Handler> FpmPoolProvider::Handlers(const ProviderContext& context) const {
  std::string reload = Settings::From(context.settings).reload;
  if (reload.empty()) return {};
  return {{kHandler, reload, "reload"}};
}

std::unique_ptr<Provider> MakeFpmPoolProvider() { return std::make_unique<FpmPoolProvider>(); }

}  // namespace kilter::reconciler::php_fpm_pool
