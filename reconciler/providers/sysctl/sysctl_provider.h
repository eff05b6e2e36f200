#pragma once

#include <memory>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::sysctl {

/// sysctl: kernel parameters, live in /proc/sys and persisted in one
/// sysctl.d file per resource that kilter owns (docs/providers/sysctl.md).
class SysctlProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "sysctl"; }
  std::vector<std::string> types() const override { return {"sysctl"}; }

  /// One batch: every declared key from /proc/sys, every sysctl.d file.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// Writes the live values, then kilter's files; when the kernel refuses a
  /// value or a file cannot be written, puts the live values back and
  /// persists nothing more.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;

  std::vector<ImportFilter> ImportFilters() const override;
  /// Two batches: the sysctl.d files, then /proc/sys for the keys wanted.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeSysctlProvider();

}  // namespace kilter::reconciler::sysctl
