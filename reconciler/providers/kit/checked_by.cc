#include "reconciler/providers/kit/checked_by.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/applied_reports.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/nginx_apply.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::kit {

using nlohmann::json;

namespace {

const char kHealthType[] = "health.check";

std::string Named(const std::string& name) { return fmt::format("health.check \"{}\"", name); }

}  // namespace

std::vector<HealthCheck> CheckedBy(const ProviderContext& context,
                                   const catalog::Resource& resource) {
  std::vector<HealthCheck> checks;
  const json& names = resource.fields.value("checked_by", json::array());
  if (!names.is_array()) return checks;
  for (const json& name : names) {
    const std::string wanted = name.get<std::string>();
    const catalog::Resource* r = context.Declared(kHealthType, wanted);
    if (!r) {
      throw ProviderError(fmt::format("{}: {}: checked_by names {}, which is not declared on {}",
                                      context.host.name, resource.Address(), Named(wanted),
                                      context.host.name));
    }
    try {
      checks.push_back(HealthCheck::From(*r));
    } catch (const std::invalid_argument& e) {
      throw ProviderError(
          fmt::format("{}: {}: {}", context.host.name, catalog::Address(kHealthType, wanted,
                                                                          context.host.name),
                      e.what()));
    }
  }
  return checks;
}

std::vector<HealthCheck> CheckedBy(const ProviderContext& context,
                                   const std::vector<Change>& changes) {
  std::vector<HealthCheck> checks;
  for (const Change& c : changes) {
    const catalog::Resource* r = c.kind == ChangeKind::kDelete ? nullptr : context.Desired(c.name);
    if (!r) continue;
    for (HealthCheck& check : CheckedBy(context, *r)) {
      if (std::none_of(checks.begin(), checks.end(),
                       [&](const HealthCheck& had) { return had.name == check.name; })) {
        checks.push_back(std::move(check));
      }
    }
  }
  return checks;
}

Action CheckedByAction(const std::vector<HealthCheck>& checks, const std::string& on_failure) {
  std::string names, detail;
  for (const HealthCheck& c : checks) {
    names += (names.empty() ? "" : ", ") + Named(c.name);
    detail += fmt::format("{}: {}\n", Named(c.name), c.Describe());
  }
  return {"command", fmt::format("then run {}; if one fails, {}", names, on_failure), detail};
}

std::string CheckRun::Line() const {
  return fmt::format("{} ({}): {}", Named(check.name), check.Describe(), verdict.Latencies());
}

std::vector<CheckRun> RunChecks(Transport& transport, const ProviderContext& context,
                                const std::string& who, const std::vector<HealthCheck>& checks) {
  auto settings = TypedSettings<HealthSettings>(
      context.host.providers.value(kHealthType, json::object()), kHealthType);
  ReadBatch batch;
  for (const HealthCheck& c : checks) {
    batch.AddCommand(c.name, ProbeScript(c, settings), "", /*background=*/true);
  }
  BatchResult read = Read(transport, batch, who, "the health checks it names");
  std::vector<CheckRun> runs;
  for (const HealthCheck& c : checks) {
    const CommandRead& probe = read.Command(c.name);
    if (!probe.ok()) {
      throw ProviderError(fmt::format("{}: {} could not run (exit {}): {}", who, Named(c.name),
                                      probe.exit_code,
                                      catalog::Trim(probe.err.empty() ? probe.out : probe.err)));
    }
    try {
      runs.push_back({c, Judge(c, ParseProbe(c.probe, probe.out))});
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: {}: {}", who, Named(c.name), e.what()));
    }
  }
  return runs;
}

void CheckAfterNginxApply(Transport& transport, const ProviderContext& context,
                          const std::string& nginx, const std::string& who,
                          const std::vector<FileWrite>& writes,
                          const std::vector<HealthCheck>& checks, const std::string& restored) {
  if (checks.empty()) return;
  std::vector<CheckRun> runs;
  try {
    runs = RunChecks(transport, context, who, checks);
  } catch (const std::exception& e) {
    std::string again = RestoreNginxFiles(transport, nginx, writes);
    throw ProviderError(fmt::format("{}; {}", e.what(),
                                    again.empty() ? restored
                                                  : "putting the previous files back failed: " +
                                                        again));
  }
  for (const CheckRun& run : runs) {
    if (run.verdict.problems.empty()) continue;
    std::string again = RestoreNginxFiles(transport, nginx, writes);
    std::string problems;
    for (const std::string& p : run.verdict.problems) problems += (problems.empty() ? "" : "; ") + p;
    throw ProviderError(fmt::format(
        "{}: {} failed after the apply: {} ({}); {}", who, Named(run.check.name), problems,
        run.verdict.Latencies(),
        again.empty() ? restored
                      : "the previous files were put back, but reloading them did not take "
                        "effect: " +
                            again));
  }
  for (const CheckRun& run : runs) ReportApplied(fmt::format("{}: passed {}", who, run.Line()));
}

}  // namespace kilter::reconciler::kit
