#include "reconciler/providers/health_check/health_provider.h"

#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/plan/fingerprint.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/health_probe.h"
#include "reconciler/providers/kit/health_verdict.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::health_check {

using kit::HealthCheck;
using nlohmann::json;

namespace {

/// The check of `r`, or a ProviderError naming host and resource.
HealthCheck CheckOf(const ProviderContext& context, const catalog::Resource& r) {
  try {
    return HealthCheck::From(r);
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: {}: {}", context.host.name, r.Address(), e.what()));
  }
}

}  // namespace

LiveState HealthProvider::Read(Transport& transport, const ProviderContext& context) {
  auto settings = TypedSettings<kit::HealthSettings>(context.settings, name());
  kit::ReadBatch batch;
  for (const catalog::Resource* r : context.desired) {
    // In the background: the checks of a host run at the same time, so a
    // host whose every check times out still reads within samples * timeout.
    batch.AddCommand(r->name, kit::ProbeScript(CheckOf(context, *r), settings), "", true);
  }
  kit::BatchResult read = kit::Read(transport, batch, context.host.name, "health checks");
  json live = json::object();
  for (const catalog::Resource* r : context.desired) {
    const kit::CommandRead& probe = read.Command(r->name);
    if (!probe.ok()) {
      throw ProviderError(fmt::format("{}: {}: the probe failed (exit {}): {}", context.host.name,
                                      r->Address(), probe.exit_code,
                                      catalog::Trim(probe.err.empty() ? probe.out : probe.err)));
    }
    try {
      live[r->name] = kit::ParseProbe(CheckOf(context, *r).probe, probe.out);
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: {}: {}", context.host.name, r->Address(), e.what()));
    }
  }
  return {live};
}

std::vector<Change> HealthProvider::Diff(const ProviderContext& context, const LiveState& live) {
  std::vector<Change> changes;
  for (const catalog::Resource* r : context.desired) {
    HealthCheck check = CheckOf(context, *r);
    Change c = Change::Of(*r);
    if (!live.data.contains(r->name)) {
      throw ProviderError(
          fmt::format("{}: {}: the probe reported nothing", context.host.name, r->Address()));
    }
    kit::Verdict verdict = kit::Judge(check, live.data[r->name].get<kit::Measurement>());
    c.problems = verdict.problems;
    c.live = {{"target", check.Describe()},
              {"healthy", verdict.problems.empty()},
              {"latency", verdict.Latencies()},
              {"samples", live.data[r->name]["samples"]}};
    c.measures["probe_success"] = verdict.succeeded ? 1 : 0;
    if (verdict.answered > 0) {
      c.live["median_ms"] = verdict.median_ms;
      c.live["worst_ms"] = verdict.worst_ms;
      c.measures["latency_median_seconds"] = verdict.median_ms / 1000;
      c.measures["latency_worst_seconds"] = verdict.worst_ms / 1000;
    }
    // Beside the median and the worst, so an alert compares them.
    if (check.max_latency_ms) {
      c.measures["latency_target_seconds"] = static_cast<double>(*check.max_latency_ms) / 1000;
    }
    if (check.max_worst_ms) {
      c.measures["latency_worst_target_seconds"] = static_cast<double>(*check.max_worst_ms) / 1000;
    }
    // Timings differ at every read: the fingerprint names only what is
    // probed, so a saved plan is never stale because of them.
    c.fingerprint = LiveFingerprint(json{{"target", check.Describe()}});
    changes.push_back(std::move(c));
  }
  return changes;
}

void HealthProvider::Apply(Transport& transport, const ProviderContext& context,
                           const std::vector<Change>& changes) {
  (void)transport;
  (void)context;
  (void)changes;
}

std::unique_ptr<Provider> MakeHealthProvider() { return std::make_unique<HealthProvider>(); }

}  // namespace kilter::reconciler::health_check
