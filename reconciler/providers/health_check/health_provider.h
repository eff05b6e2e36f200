#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::health_check {

/// health.check: endpoints probed from the host itself, read-only
/// (docs/providers/health.check.md). Plan and drift measure them; a failing
/// or slow check is a problem apply cannot fix, so apply changes nothing.
class HealthProvider : public Provider {
 public:
  std::string name() const override { return "health.check"; }
  std::vector<std::string> types() const override { return {"health.check"}; }

  /// One batch: every check's probe at the same time, the samples of one
  /// check one after another.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  /// One kNothing change per check, with its problems and what was measured.
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// Nothing: a check is an observation (its changes are never more than
  /// kNothing, so the engine hands it none).
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeHealthProvider();

}  // namespace kilter::reconciler::health_check
