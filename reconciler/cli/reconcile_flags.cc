#include "reconciler/cli/reconcile_flags.h"

#include <unistd.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "compiler/catalog/units.h"
#include "reconciler/cli/compile_flags.h"
#include "reconciler/cli/drift_notify.h"
#include "reconciler/plan/render.h"
#include "reconciler/plan/rfc3339.h"

namespace kilter::cli {

std::set<std::string> ReconcileOptions(std::set<std::string> extra) {
  std::set<std::string> compile = CompileOptions();
  extra.insert(compile.begin(), compile.end());
  extra.insert({"host", "parallel", "shard", "log", "now"});
  return extra;
}

std::set<std::string> ReconcileFlags(std::set<std::string> extra) {
  extra.insert({"allow-lockout", "timings"});
  return extra;
}

reconciler::PlanOptions ReadPlanOptions(const Args& args) {
  reconciler::PlanOptions options;
  options.hosts = args.GetAll("host");
  if (args.Has("parallel")) {
    std::string parallel = args.Get("parallel");
    char* end = nullptr;
    long n = std::strtol(parallel.c_str(), &end, 10);
    if (parallel.empty() || *end != '\0' || n < 1 || n > 256) {
      throw UsageError(
          fmt::format("--parallel takes a number from 1 to 256, not \"{}\"", parallel));
    }
    options.parallel = static_cast<int>(n);
  }
  options.run.allow_lockout = args.Has("allow-lockout");
  if (args.Has("shard")) {
    if (!options.hosts.empty()) {
      throw UsageError("--shard and --host cannot be combined: a shard is a share of every host");
    }
    try {
      options.shard = reconciler::ParseShard(args.Get("shard"));
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  if (args.Has("now")) {
    std::string now = args.Get("now");
    // A date alone is its midnight UTC.
    std::optional<int64_t> at = reconciler::ParseRfc3339(now.size() == 10 ? now + "T00:00:00Z" : now);
    if (!at) {
      throw UsageError(fmt::format(
          "--now takes an RFC 3339 time such as 2027-01-07T12:00:00Z or a date such as "
          "2027-01-07 (midnight UTC), not \"{}\"",
          now));
    }
    options.run.now = at;
  }
  if (args.Has("confirm-timeout")) {
    catalog::units::Parsed timeout = catalog::units::ParseDuration(args.Get("confirm-timeout"));
    if (!timeout.error.empty() || timeout.value <= 0) {
      throw UsageError(fmt::format("--confirm-timeout takes a duration such as 60s or 5m, not "
                                   "\"{}\"",
                                   args.Get("confirm-timeout")));
    }
    options.run.confirm_timeout = std::chrono::milliseconds(timeout.value);
  }
  return options;
}

bool CompileSpecs(const std::vector<std::string>& argv, catalog::Catalog& catalog) {
  // The compile flags' --format is the diagnostics' format; here --format is
  // the plan's, so the compiler sees the command line without it.
  std::vector<std::string> rest;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--format" || argv[i] == "-o" || argv[i] == "--output") {
      ++i;
      continue;
    }
    if (argv[i].rfind("--format=", 0) == 0 || argv[i].rfind("--output=", 0) == 0) continue;
    rest.push_back(argv[i]);
  }
  std::set<std::string> options = NotifyOptions();
  options.insert("confirm-timeout");
  options.insert("textfile");
  Args compile_args(rest, ReconcileFlags({"auto-approve"}), ReconcileOptions(options));
  CompileFlags flags = ReadCompileFlags(compile_args);
  compiler::Compilation compilation;
  CompileFromDisk(flags, compilation);
  if (!compilation.diags.all().empty()) PrintDiagnostics(compilation, flags, stderr, true);
  if (compilation.diags.has_errors()) return false;
  catalog = std::move(compilation.catalog);
  return true;
}

std::vector<std::string> CompileArgv(const Args& args, size_t first_path) {
  const std::vector<std::string>& pos = args.positionals();
  std::vector<std::string> argv(pos.begin() + std::min(first_path, pos.size()), pos.end());
  for (const char* flag : {"inventory", "param", "color"}) {
    for (const std::string& value : args.GetAll(flag)) {
      argv.push_back(std::string("--") + flag);
      argv.push_back(value);
    }
  }
  return argv;
}

std::string ResolveCatalogSecrets(catalog::Catalog& catalog, reconciler::SecretMode mode) {
  if (!reconciler::HasSecrets(catalog)) return "";
  reconciler::SecretKey key = reconciler::LoadSecretKey();
  std::vector<std::string> errors =
      reconciler::ResolveSecrets(catalog, reconciler::HostSecretReader(), key, mode);
  if (!errors.empty()) throw std::runtime_error(fmt::format("{}", fmt::join(errors, "\n")));
  return key.bytes();
}

reconciler::Connector RealConnector(const catalog::Catalog& catalog) {
  reconciler::TransportOptions options;
  options.known_hosts = catalog.known_hosts;
  return [options](const catalog::Host& host) { return reconciler::Connect(host, options); };
}

bool AskYes(const std::string& prompt) {
  fmt::print("{}", prompt);
  std::fflush(stdout);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

std::vector<std::string> RunHosts(const catalog::Catalog& catalog,
                                  const reconciler::PlanOptions& options) {
  if (!options.hosts.empty()) return options.hosts;
  std::vector<std::string> hosts;
  for (const catalog::Host& h : catalog.hosts) {
    if (reconciler::Selected(h.name, options) &&
        reconciler::HoldsOnlyTypes(catalog, h.name, options)) {
      hosts.push_back(h.name);
    }
  }
  return hosts;
}

std::optional<reconciler::Plan> PlanSpecs(const std::vector<std::string>& argv,
                                          reconciler::PlanOptions& options) {
  catalog::Catalog catalog;
  RunClock::time_point compiling = RunClock::now();
  if (!CompileSpecs(argv, catalog)) return std::nullopt;
  if (options.timings) options.timings->AddStep("compile", RunClock::now() - compiling);
  options.fingerprint_key = ResolveCatalogSecrets(catalog, reconciler::SecretMode::kRecord);
  auto progress = MakeProgress(RunHosts(catalog, options));
  RunClock::time_point planning = RunClock::now();
  try {
    reconciler::Plan plan =
        reconciler::MakePlan(catalog, options, RealConnector(catalog), *progress);
    if (options.timings) options.timings->AddStep("plan", RunClock::now() - planning);
    return plan;
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

std::unique_ptr<reconciler::Timings> MakeTimings(const Args& args) {
  return args.Has("timings") ? std::make_unique<reconciler::Timings>() : nullptr;
}

void PrintTimings(reconciler::Timings* timings, const std::string& title,
                  std::optional<RunClock::time_point> started) {
  if (!timings) return;
  if (started) timings->AddStep("total", RunClock::now() - *started);
  fmt::print(stderr, "{}", reconciler::RenderTimings(*timings, title));
  std::fflush(stderr);
}

std::unique_ptr<reconciler::Progress> MakeProgress(const std::vector<std::string>& hosts) {
  if (::isatty(::fileno(stderr))) {
    return reconciler::MakeTerminalProgress(stderr, hosts, UseColor("auto", stderr));
  }
  return reconciler::MakeLineProgress(stderr);
}

std::string RenderPlan(const reconciler::Plan& plan, const Args& args) {
  std::string format = args.Get("format", "text");
  if (format == "text") {
    return reconciler::RenderText(plan, {UseColor(args.Get("color", "auto"), stdout)});
  }
  if (format == "json") return reconciler::RenderJson(plan);
  if (format == "markdown") return reconciler::RenderMarkdown(plan);
  if (format == "prometheus") return reconciler::RenderPrometheus(plan);
  throw UsageError(
      fmt::format("--format is text, json, markdown or prometheus, not \"{}\"", format));
}

}  // namespace kilter::cli
