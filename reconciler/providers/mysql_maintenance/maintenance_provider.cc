#include "reconciler/providers/mysql_maintenance/maintenance_provider.h"

#include <set>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/mysql_maintenance/job.h"
#include "reconciler/providers/mysql_maintenance/judge.h"
#include "reconciler/providers/mysql_maintenance/record.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql_maintenance {

namespace {

using nlohmann::json;

std::vector<Job> Jobs(const ProviderContext& ctx) {
  std::vector<Job> jobs;
  for (const catalog::Resource* r : ctx.desired) jobs.push_back(Job::From(*r));
  return jobs;
}

/// The cron files kilter owns, the host's clock, and each job's record.
kit::ReadBatch ReadsOf(const Settings& s, const std::vector<Job>& jobs) {
  kit::ReadBatch batch;
  batch.AddCommand("now", "date +%s");
  batch.AddGlob("cron", s.cron_dir, "kilter-maintenance-*", /*contents=*/true);
  for (const Job& job : jobs) batch.AddFile(job.RecordPath(s));
  return batch;
}

/// What a change of one resource writes: its cron file, with the field lines
/// since the fields the file on the host records.
void DiffCronFile(const Settings& s, const Job& job, const catalog::Resource& resource,
                  const json& files, Change& c) {
  std::string path = job.CronPath(s);
  std::string want = RenderCronFile(job, s);
  bool have = files.contains(path);
  std::string cron = have ? files[path].value("content", "") : "";
  std::optional<kit::OwnedFile> owned = kit::ReadOwned(path, cron, kit::Comment::kHash);
  c.live = {{"cron", cron}};
  if (owned && owned->Is(want)) return;
  c.kind = have ? ChangeKind::kUpdate : ChangeKind::kCreate;
  c.cause = kit::CauseOf(have, owned);
  c.reasons.push_back(kit::WhyWrite(path, have, owned && owned->intact));
  c.fields = kit::FieldsSinceRecorded(owned, have, resource.fields);
  c.actions.push_back({"file", "write " + path,
                       kit::FileDiff(path, have ? std::optional(cron) : std::nullopt, want)});
}

class MaintenanceProvider : public Provider {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    Settings s = TypedSettings<Settings>(ctx.settings, kType);
    std::vector<Job> jobs = Jobs(ctx);
    kit::BatchResult read = kit::Read(transport, ReadsOf(s, jobs), ctx.host.name,
                                      "mysql maintenance schedules");
    json live = {{"files", json::object()}, {"records", json::array()}};
    try {
      live["now"] = ctx.options.now.value_or(std::stoll(read.Command("now").out));
    } catch (const std::exception&) {
      throw ProviderError(fmt::format("{}: reading maintenance schedules: `date +%s` printed \"{}\"",
                                      ctx.host.name, read.Command("now").out));
    }
    for (const std::string& path : read.Glob("cron")) {
      const kit::FileRead& f = read.File(path);
      if (f.regular) live["files"][path] = {{"content", f.content}, {"mtime", f.mtime}};
    }
    for (const Job& job : jobs) {
      const kit::FileRead& record = read.File(job.RecordPath(s));
      live["records"].push_back(record.regular ? json(record.content) : json(nullptr));
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = TypedSettings<Settings>(ctx.settings, kType);
    std::vector<Job> jobs = Jobs(ctx);
    const json& live = state.data;
    const json& files = live["files"];
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (size_t i = 0; i < jobs.size(); ++i) {
      const Job& job = jobs[i];
      declared.insert(job.name);
      Change c = Change::Of(*ctx.desired[i]);
      DiffCronFile(s, job, *ctx.desired[i], files, c);
      const json& record = live["records"][i];
      std::optional<std::string> text;
      if (record.is_string()) text = record.get<std::string>();
      std::optional<Record> parsed = text ? Record::Parse(*text) : std::nullopt;
      c.measures["maintenance_interval_seconds"] = static_cast<double>(job.schedule.PeriodSeconds());
      if (parsed) {
        if (auto start = ParseRfc3339(parsed->start)) {
          c.measures["maintenance_last_run_timestamp_seconds"] = static_cast<double>(*start);
        }
      }
      std::string path = job.CronPath(s);
      if (files.contains(path)) {
        int64_t installed = files[path].value("mtime", int64_t{0});
        for (std::string& problem : RunProblems(job, live.value("now", int64_t{0}), text,
                                                installed, job.RecordPath(s))) {
          c.problems.push_back(std::move(problem));
        }
      }
      changes.push_back(std::move(c));
    }
    std::vector<kit::OwnedFile> owned;
    for (const auto& [path, file] : files.items()) {
      if (auto f = kit::ReadOwned(path, file.value("content", ""), kit::Comment::kHash)) {
        owned.push_back(std::move(*f));
      }
    }
    for (Change& del : kit::DeletesOfUndeclared(
             owned, kType, ctx.host.name,
             [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; },
             "no longer declared in the specs; its run records and log are kept")) {
      changes.push_back(std::move(del));
    }
    return changes;
  }

  /// The client and the kilter command the cron file runs exist on the host,
  /// and the client reaches each database that gets a new schedule.
  void Validate(Transport& transport, const ProviderContext& ctx,
                std::vector<Change>& changes) override {
    Settings s = TypedSettings<Settings>(ctx.settings, kType);
    for (const Change& change : changes) {
      if (change.kind != ChangeKind::kCreate && change.kind != ChangeKind::kUpdate) continue;
      const catalog::Resource* r = ctx.Desired(change.name);
      if (!r) continue;
      Job job = Job::From(*r);
      Command present;
      present.shell = fmt::format(
          "for c in {} {}; do command -v \"$c\" >/dev/null || {{ echo \"$c is not installed\"; "
          "exit 1; }}; done",
          ShellQuote(s.kilter), ShellQuote(s.client));
      CommandResult found = transport.Run(present);
      if (!found.ok()) throw ProviderError(fmt::format("{}: {}", job.Address(), found.out));
      CommandResult use = transport.Run(
          mysql::ClientCommand(s, fmt::format("USE {};\n", mysql::QuoteIdent(job.database))));
      if (!use.ok()) {
        throw ProviderError(mysql::DescribeFailure(
            fmt::format("{}: database {}: ", job.Address(), job.database), s, use));
      }
    }
  }

  void Apply(Transport& transport, const ProviderContext& ctx,
             const std::vector<Change>& changes) override {
    Settings s = TypedSettings<Settings>(ctx.settings, kType);
    for (const Change& change : changes) {
      if (change.kind == ChangeKind::kDelete) {
        for (const auto& [path, content] : change.live["files"].items()) transport.Remove(path);
        continue;
      }
      if (change.kind == ChangeKind::kNothing) continue;
      const catalog::Resource* r = ctx.Desired(change.name);
      if (!r) throw ProviderError(change.Address() + ": not among the desired resources");
      Job job = Job::From(*r);
      Command mkdir;
      mkdir.argv = {"mkdir", "-p", s.cron_dir, s.log_dir};
      CommandResult made = transport.Run(mkdir);
      if (!made.ok()) {
        throw ProviderError(fmt::format("{}: creating {} and {} failed: {}", job.Address(),
                                        s.cron_dir, s.log_dir, made.err));
      }
      transport.WriteFile(job.CronPath(s), RenderCronFile(job, s), {0644, "", ""});
    }
  }
};

}  // namespace

std::unique_ptr<Provider> MakeMaintenanceProvider() {
  return std::make_unique<MaintenanceProvider>();
}

}  // namespace kilter::reconciler::mysql_maintenance
