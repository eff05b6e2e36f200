#include "reconciler/providers/backup_policy/backup_provider.h"

#include <fmt/format.h>

#include <set>

#include "compiler/catalog/cron.h"
#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/backup_policy/last_backup.h"
#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/backup_policy/restore_plan.h"
#include "reconciler/providers/backup_policy/retention.h"
#include "reconciler/providers/kit/late_run.h"
#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/import_recorded.h"
#include "reconciler/providers/kit/owned_file.h"

namespace kilter::reconciler {

using backup::Policy;
using backup::Settings;
using nlohmann::json;

namespace {

std::vector<Policy> Policies(const ProviderContext& ctx) {
  std::vector<Policy> policies;
  for (const catalog::Resource* r : ctx.desired) policies.push_back(Policy::From(*r));
  return policies;
}

std::string Restic(const Settings& s, const Policy& p) {
  return fmt::format("{} -r {} --password-file {} --no-lock", s.restic, ShellQuote(p.repository),
                     ShellQuote(p.password_file));
}

/// Every read the policies of a host need, for one round trip: the host's
/// clock, kilter's cron files and jobs, and per policy (when its repository
/// exists) its snapshots, what forget would remove and, optionally, a check.
kit::ReadBatch ReadsOf(const Settings& s, const std::vector<Policy>& policies) {
  kit::ReadBatch batch;
  batch.AddCommand("now", "date +%s");
  batch.AddGlob("cron", s.cron_dir, "kilter-*", /*contents=*/true);
  batch.AddGlob("jobs", s.job_dir, "kilter-backup-*.sh", /*contents=*/true);
  for (size_t i = 0; i < policies.size(); ++i) {
    const Policy& p = policies[i];
    std::string repo = fmt::format("[ -f {}/config ]", ShellQuote(p.repository));
    std::string run = fmt::format("export LC_ALL=C\n{} || exit 0\n{} ", repo, Restic(s, p));
    std::string record = p.RecordPath(s);
    batch.AddFile(record);
    batch.AddFile(p.VerificationPath(s));
    batch.AddCommand(fmt::format("repository {}", i), repo);
    batch.AddCommand(
        fmt::format("config {}", i),
        fmt::format("export LC_ALL=C\n{} || exit 0\n[ -f {} ] || exit 0\n{} cat config", repo,
                    ShellQuote(record), Restic(s, p)));
    batch.AddCommand(fmt::format("snapshots {}", i),
                     run + fmt::format("snapshots --json --tag {}", ShellQuote(p.Tag())));
    batch.AddCommand(fmt::format("forget {}", i),
                     run + fmt::format("forget --dry-run --json --tag {} {}", ShellQuote(p.Tag()),
                                       p.ForgetFlags()));
    if (s.check) batch.AddCommand(fmt::format("check {}", i), run + "check 2>&1");
  }
  return batch;
}

class BackupPolicyProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "backup.policy"; }
  std::vector<std::string> types() const override { return {"backup.policy"}; }

  std::vector<ImportFilter> ImportFilters() const override {
    return {{"policy", "a policy by name (default: every policy kilter's job scripts hold)"}};
  }

  /// One batch: kilter's job scripts, whose records hold each policy's fields.
  kit::SpecFile Import(Transport& transport, const ProviderContext& ctx,
                       const ImportRequest& request) override {
    Settings s = Settings::From(ctx.settings);
    kit::BatchResult read = kit::Read(transport, ReadsOf(s, {}), ctx.host.name, "backup policies");
    return kit::ImportRecorded(
        read, {"backup.policy", "jobs", "policy", {"grace", "verify_every"}}, ctx, request);
  }

  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<Policy> policies = Policies(ctx);
    kit::BatchResult read =
        kit::Read(transport, ReadsOf(s, policies), ctx.host.name, "backup policies");
    json live = {{"files", json::object()}, {"policies", json::array()}};
    try {
      live["now"] = std::stoll(read.Command("now").out);
    } catch (const std::exception&) {
      throw ProviderError(fmt::format("{}: reading backup policies: `date +%s` printed \"{}\"",
                                      ctx.host.name, read.Command("now").out));
    }
    for (const char* glob : {"cron", "jobs"}) {
      for (const std::string& path : read.Glob(glob)) {
        const kit::FileRead& f = read.File(path);
        if (f.regular) live["files"][path] = {{"content", f.content}, {"mtime", f.mtime}};
      }
    }
    for (size_t i = 0; i < policies.size(); ++i) {
      json policy = {{"repository", read.Command(fmt::format("repository {}", i)).ok()}};
      const kit::FileRead& record = read.File(policies[i].RecordPath(s));
      if (record.regular) policy["last"] = {{"rc", 0}, {"out", record.content}};
      const kit::FileRead& verified = read.File(policies[i].VerificationPath(s));
      if (verified.regular) policy["verified"] = verified.content;
      if (policy["repository"]) {
        if (record.regular) {
          const kit::CommandRead& r = read.Command(fmt::format("config {}", i));
          policy["config"] = {{"rc", r.exit_code}, {"out", r.out}};
        }
        for (const char* kind : {"snapshots", "forget", "check"}) {
          std::string key = fmt::format("{} {}", kind, i);
          if (!read.commands.count(key)) continue;
          const kit::CommandRead& r = read.Command(key);
          policy[kind] = {{"rc", r.exit_code}, {"out", r.out}};
          if (std::string(kind) != "check")
            policy[std::string(kind) + "-err"] = {{"rc", r.exit_code}, {"out", r.err}};
        }
      }
      live["policies"].push_back(policy);
    }
    return {live};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<Policy> policies = Policies(ctx);
    const json& live = state.data;
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (size_t i = 0; i < policies.size(); ++i) {
      changes.push_back(DiffPolicy(s, policies[i], *ctx.desired[i], live, live["policies"][i]));
      declared.insert(policies[i].name);
    }
    std::vector<kit::OwnedFile> owned;
    for (const auto& [path, file] : live["files"].items()) {
      if (auto f = kit::ReadOwned(path, file.value("content", ""), kit::Comment::kHash)) {
        owned.push_back(std::move(*f));
      }
    }
    for (Change& del : kit::DeletesOfUndeclared(
             owned, name(), ctx.host.name,
             [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; },
             "no longer declared in the specs; its repository and snapshots are kept")) {
      changes.push_back(std::move(del));
    }
    return changes;
  }

  void Validate(Transport& transport, const ProviderContext& ctx,
                std::vector<Change>& changes) override {
    Settings s = Settings::From(ctx.settings);
    for (size_t i = 0; i < ctx.desired.size(); ++i) {
      if (!WillChange(changes, ctx.desired[i]->name)) continue;
      Policy p = Policy::From(*ctx.desired[i]);
      std::string script = fmt::format(
          "command -v {0} >/dev/null || {{ echo \"{0} is not "
          "installed\"; exit 1; }}\n"
          "[ -r {1} ] || {{ echo \"password file {1} is missing or "
          "unreadable\"; exit 1; }}\n",
          ShellQuote(s.restic), ShellQuote(p.password_file));
      if (!p.mysql.empty()) {
        script += fmt::format(
            "command -v {0} >/dev/null || {{ echo \"{0} is not "
            "installed\"; exit 1; }}\n"
            "{1} --defaults-file={2} -N -e 'SELECT 1' {3} "
            ">/dev/null 2>\"${{TMPDIR:-/tmp}}/kilter-v$$\" || "
            "{{ echo \"cannot reach database {3} with {2}: $(cat "
            "\"${{TMPDIR:-/tmp}}/kilter-v$$\")\"; "
            "rm -f \"${{TMPDIR:-/tmp}}/kilter-v$$\"; exit 1; "
            "}}\nrm -f \"${{TMPDIR:-/tmp}}/kilter-v$$\"\n",
            ShellQuote(s.dump), s.client, ShellQuote(s.defaults_file), ShellQuote(p.mysql));
      }
      for (const std::string& path : p.paths) {
        script += fmt::format(
            "[ -e {0} ] || {{ echo \"source path {0} does "
            "not exist\"; exit 1; }}\n",
            ShellQuote(path));
      }
      script += "bash -n <<'KILTER_JOB'\n" + backup::RenderJobScript(p, s) + "KILTER_JOB\n";
      Command command;
      command.shell = script;
      CommandResult r = transport.Run(command);
      if (!r.ok()) {
        throw ProviderError(fmt::format("{}: {}", p.Address(), r.out.empty() ? r.err : r.out));
      }
    }
  }

  void Apply(Transport& transport, const ProviderContext& ctx,
             const std::vector<Change>& changes) override {
    Settings s = Settings::From(ctx.settings);
    for (const Change& change : changes) {
      if (change.kind == ChangeKind::kDelete) {
        // The cron file goes first, so cron never runs a job that is gone.
        std::vector<std::string> jobs;
        for (const auto& [path, content] : change.live["files"].items()) {
          if (path.find("/kilter-backup-") != std::string::npos) jobs.push_back(path);
          else transport.Remove(path);
        }
        for (const std::string& path : jobs) transport.Remove(path);
        continue;
      }
      if (change.kind == ChangeKind::kNothing) continue;
      const catalog::Resource* resource = nullptr;
      for (const catalog::Resource* r : ctx.desired) {
        if (r->name == change.name) resource = r;
      }
      if (!resource) throw ProviderError(change.Address() + ": not among the desired resources");
      Policy p = Policy::From(*resource);
      Run(transport, p, {"mkdir", "-p", s.job_dir, s.cron_dir, s.log_dir}, "create directories");
      if (!change.live.value("repository", true)) {
        Run(transport, p,
            {s.restic, "-r", p.repository, "--password-file", p.password_file, "init"},
            "initialise the restic repository");
        // The recorded backup went to a repository that is gone; the new one
        // has nothing to lose until its first backup.
        transport.Remove(p.RecordPath(s));
      }
      // The job first, so the cron file never names a missing or old job.
      transport.WriteFile(p.JobPath(s), backup::RenderJobScript(p, s), {0750, "", ""});
      transport.WriteFile(p.CronPath(s), backup::RenderCronFile(p, s), {0644, "", ""});
    }
  }

 private:
  /// True when the plan creates or updates the policy `name`.
  static bool WillChange(const std::vector<Change>& changes, const std::string& name) {
    for (const Change& c : changes) {
      if (c.name == name && (c.kind == ChangeKind::kCreate || c.kind == ChangeKind::kUpdate)) {
        return true;
      }
    }
    return false;
  }

  static void Run(Transport& transport, const Policy& p, std::vector<std::string> argv,
                  const std::string& what) {
    Command command;
    command.argv = std::move(argv);
    CommandResult r = transport.Run(command);
    if (!r.ok()) {
      throw ProviderError(fmt::format("{}: {} failed: {}{}", p.Address(), what, r.err, r.out));
    }
  }

  Change DiffPolicy(const Settings& s, const Policy& p, const catalog::Resource& resource,
                    const json& live, const json& repo) const;

  /// The last measured restore time (the recovery time objective) and its
  /// age as measures; with verify_every, drift once it has passed.
  static void ProvenRestore(const Policy& p, const json& repo, const json& live,
                            std::optional<int64_t> installed, Change& c) {
    std::optional<backup::Verification> last;
    if (repo.contains("verified")) last = backup::Verification::Parse(repo.value("verified", ""));
    int64_t now = live.value("now", int64_t{0});
    if (last) {
      c.measures["restore_duration_seconds"] = last->seconds;
      c.measures["verify_age_seconds"] =
          static_cast<double>(now - ParseRfc3339(last->time).value_or(now));
    }
    if (p.verify_every.count() <= 0 || !live.contains("now")) return;
    if (auto due = backup::VerifyDueProblem(now, last, installed, p.verify_every.count() / 1000)) {
      c.problems.push_back(*due);
    }
  }
};

Change BackupPolicyProvider::DiffPolicy(const Settings& s, const Policy& p,
                                        const catalog::Resource& resource, const json& live,
                                        const json& repo) const {
  Change c = Change::Of(resource);
  const json& files = live["files"];
  std::string want_cron = backup::RenderCronFile(p, s);
  std::string want_job = backup::RenderJobScript(p, s);
  std::string cron = files.contains(p.CronPath(s)) ? files[p.CronPath(s)].value("content", "") : "";
  std::string job = files.contains(p.JobPath(s)) ? files[p.JobPath(s)].value("content", "") : "";
  bool have_cron = files.contains(p.CronPath(s));
  bool have_job = files.contains(p.JobPath(s));
  bool have_repo = repo.value("repository", true);
  c.live = {{"repository", have_repo}, {"cron", cron}, {"job", job}};
  auto owned_cron = kit::ReadOwned(p.CronPath(s), cron, kit::Comment::kHash);
  auto owned_job = kit::ReadOwned(p.JobPath(s), job, kit::Comment::kHash);
  bool cron_current = owned_cron && owned_cron->Is(want_cron);
  bool job_current = owned_job && owned_job->Is(want_job);

  if (!have_cron && !have_job) {
    c.kind = ChangeKind::kCreate;
    c.cause = DriftCause::kMissing;
  } else if (!cron_current || !job_current) {
    c.kind = ChangeKind::kUpdate;
    bool untouched = have_cron && have_job && owned_cron && owned_cron->intact && owned_job &&
                     owned_job->intact;
    c.cause = untouched ? DriftCause::kSpecChanged : DriftCause::kLiveChanged;
    if (!untouched)
      c.reasons.push_back(
          "the schedule files were changed on the host since "
          "kilter wrote them");
  }
  json before = have_job ? backup::RecordedFields(job) : json(nullptr);
  if (c.kind != ChangeKind::kNothing) {
    for (const auto& [field, value] : resource.fields.items()) {
      json old = before.is_object() && before.contains(field) ? before[field] : json(nullptr);
      if (old != value || c.kind == ChangeKind::kCreate)
        c.fields.push_back({field, old, value, false});
    }
    auto write = [&](const std::string& path, bool have, const std::string& before,
                     const std::string& after) {
      std::optional<std::string> on_host = have ? std::optional(before) : std::nullopt;
      c.actions.push_back({"file", "write " + path, kit::FileDiff(path, on_host, after)});
    };
    if (!cron_current) write(p.CronPath(s), have_cron, cron, want_cron);
    if (!job_current) write(p.JobPath(s), have_job, job, want_job);
  }
  std::optional<backup::LastBackup> last;
  if (repo.contains("last")) last = backup::LastBackup::Parse(repo["last"].value("out", ""));
  if (!have_repo) {
    if (c.kind == ChangeKind::kNothing) c.kind = ChangeKind::kUpdate;
    c.actions.push_back({"command", "restic init " + p.repository, ""});
    if (have_cron || last) {
      c.problems.push_back(
          "repository " + p.repository + " is missing: apply initialises a new, empty one" +
          (last ? "; the last successful backup (" + last->time + ") went to the one that is gone"
                : ""));
    }
    c.reasons.push_back("repository " + p.repository + " does not exist yet");
    return c;
  }
  if (last && last->size_bytes) {
    c.measures["last_snapshot_size_bytes"] = static_cast<double>(*last->size_bytes);
  }
  // Whoever changes the retention, or points a new policy at a repository
  // that already has snapshots, sees what the next forget will delete.
  bool retention_changes = c.kind == ChangeKind::kCreate;
  for (const FieldChange& fc : c.fields) retention_changes |= fc.field == "keep";
  if (retention_changes && repo.contains("forget") && repo["forget"].value("rc", 1) == 0) {
    json forget = json::parse(repo["forget"].value("out", ""), nullptr, false);
    if (!forget.is_discarded()) {
      c.actions.push_back({"retention", "what the next run's forget --prune keeps and forgets",
                           backup::RenderRetention(backup::ParseRetention(forget))});
    }
  }
  if (repo.contains("check") && repo["check"].value("rc", 0) != 0) {
    c.problems.push_back("restic check failed on " + p.repository + ": " +
                         repo["check"].value("out", ""));
  }
  std::optional<int64_t> newest;
  if (repo.contains("snapshots") && repo["snapshots"].value("rc", 1) == 0) {
    json snaps = json::parse(repo["snapshots"].value("out", "[]"), nullptr, false);
    if (snaps.is_array()) {
      for (const json& snap : snaps) {
        auto t = ParseRfc3339(snap.value("time", ""));
        if (t && (!newest || *t > *newest)) newest = t;
      }
    }
    if (last && repo.contains("config") && repo["config"].value("rc", 1) == 0) {
      json config = json::parse(repo["config"].value("out", ""), nullptr, false);
      if (auto lost = backup::LostBackupProblem(*last, p.repository, config, snaps)) {
        c.problems.push_back(*lost);
      }
    }
  } else if (repo.contains("snapshots")) {
    c.problems.push_back("cannot list snapshots of " + p.repository + ": " +
                         repo.value("snapshots-err", json::object()).value("out", ""));
  }
  if (newest && live.contains("now")) {
    c.measures["backup_age_seconds"] = static_cast<double>(live["now"].get<int64_t>() - *newest);
  }
  std::optional<int64_t> installed;
  if (have_cron) installed = files[p.CronPath(s)].value("mtime", int64_t{0});
  ProvenRestore(p, repo, live, installed, c);
  catalog::CronError cron_error;
  auto schedule = catalog::ParseCron(p.schedule, cron_error);
  auto gap = schedule ? catalog::LongestGap(*schedule) : std::nullopt;
  // Beside backup_age_seconds, so an alert compares the age with the schedule.
  if (gap) c.measures["backup_interval_seconds"] = static_cast<double>(gap->count() * 60);
  if (gap && live.contains("now")) {
    if (auto stale = kit::LateRunProblem(live["now"].get<int64_t>(), newest, installed,
                                         gap->count() * 60, p.grace.count() / 1000,
                                         {"stale backup", "the newest snapshot",
                                          "no snapshot at all"})) {
      c.problems.push_back(*stale);
    }
  }
  return c;
}

}  // namespace

std::unique_ptr<Provider> MakeBackupPolicyProvider() {
  return std::make_unique<BackupPolicyProvider>();
}

}  // namespace kilter::reconciler
