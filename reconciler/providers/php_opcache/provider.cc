#include "reconciler/providers/php_opcache/provider.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/php_opcache/check.h"
#include "reconciler/providers/php_opcache/diff.h"
#include "reconciler/providers/php_opcache/import.h"
#include "reconciler/providers/php_opcache/live_config.h"
#include "reconciler/providers/php_opcache/php_scripts.h"
#include "reconciler/providers/php_opcache/settings.h"

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

namespace {

Settings SettingsOf(const ProviderContext& context) { return ParseSettings(context.settings); }

std::string Join(const std::vector<std::string> &lines) {
  std::string out;
  for (const std::string &l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

/// The files a batch of changes writes and removes, and the files PHP must
/// then take its values from.
struct Batch {
  StagedFiles staged;
  std::vector<DesiredFile> expect;
  bool empty() const { return staged.empty() && expect.empty(); }
};

Batch BatchOf(const ProviderContext &context, const Settings &settings,
              const std::vector<Change> &changes) {
  Batch batch;
  const std::string &host = context.host.name;
  for (const Change &c : changes) {
    if (c.kind == ChangeKind::kNothing) continue;
    FileOps ops = OpsOf(c, settings, context.desired, host);
    for (const std::string &path : ops.removes) batch.staged[path] = std::nullopt;
    for (const auto &[path, content] : ops.writes) batch.staged[path] = content;
    if (c.kind == ChangeKind::kDelete) continue;
    for (const catalog::Resource *r : context.desired) {
      if (r->name == c.name) batch.expect.push_back(RenderDesired(settings, *r, host));
    }
  }
  return batch;
}

/// Puts back what `saved` recorded (path -> previous content, or nullopt when
/// the file did not exist). Returns what could not be restored.
std::vector<std::string> Restore(Transport &transport,
                                 const std::map<std::string, std::optional<std::string>> &saved) {
  std::vector<std::string> failures;
  for (const auto &[path, content] : saved) {
    try {
      if (content) transport.WriteFile(path, *content, WriteOptions{});
      else transport.Remove(path);
    } catch (const std::exception &e) {
      failures.push_back(fmt::format("could not restore {}: {}", path, e.what()));
    }
  }
  return failures;
}

}  // namespace

LiveState PhpOpcacheProvider::Read(Transport& transport, const ProviderContext& context) {
  Settings settings = SettingsOf(context);
  const std::string &host = context.host.name;
  std::string err;
  bool missing = false;
  // With nothing declared here, a host without PHP simply has nothing of
  // kilter's to find; with resources declared, it is an error.
  Command command = PhpCommand(settings.php, ReadScript(settings.ini_dir));
  kit::ReadBatch batch;
  batch.AddCommand("php", command.shell, command.stdin_data);
  kit::BatchResult read = kit::Read(transport, batch, host, "php.opcache");
  const kit::CommandRead &php = read.Command("php");
  json report = PhpReport(host, command, {php.exit_code, php.out, php.err}, err,
                          context.desired.empty() ? &missing : nullptr);
  if (missing) return {json{{"php", nullptr}}};
  report["startup_errors"] = err;
  if (context.desired.empty()) return {report};
  LiveConfig live;
  try {
    live = ParseLiveConfig(report);
  } catch (const std::invalid_argument &e) {
    throw ProviderError(fmt::format("{}: php.opcache: {}", host, e.what()));
  }
  if (!live.opcache_loaded) {
    throw ProviderError(
        fmt::format("{}: php.opcache: PHP ({}) does not load Zend OPcache with "
                    "the configuration `{}` "
                    "selects; enable the extension (zend_extension=opcache.so) "
                    "or fix `php` in "
                    "[providers.\"php.opcache\"]",
                    host, live.binary, settings.php));
  }
  if (std::find(live.scan_dirs.begin(), live.scan_dirs.end(), settings.ini_dir) ==
      live.scan_dirs.end()) {
    throw ProviderError(fmt::format(
        "{}: php.opcache: PHP does not scan ini_dir {} (it scans: "
        "{}), so kilter's files there "
        "would have no effect; set `ini_dir` or `php` "
        "(PHP_INI_SCAN_DIR) so they agree",
        host, settings.ini_dir, live.scan_dirs.empty() ? "nothing" : Join(live.scan_dirs)));
  }
  if (!live.ini_dir_exists) {
    throw ProviderError(
        fmt::format("{}: php.opcache: ini_dir {} does not exist", host, settings.ini_dir));
  }
  return {report};
}

std::vector<ImportFilter> PhpOpcacheProvider::ImportFilters() const {
  return php_opcache::ImportFilters();
}

kit::SpecFile PhpOpcacheProvider::Import(Transport& transport, const ProviderContext& context,
                                         const ImportRequest& request) {
  const std::string& host = context.host.name;
  if (!context.desired.empty()) return {};
  if (!request.defaults) {
    throw ProviderError(host + ": php.opcache: the schema's defaults are needed to import");
  }
  json report = Read(transport, context).data;
  if (report.contains("php") && report["php"].is_null()) {
    throw ProviderError(fmt::format("{}: php.opcache: no PHP runs as `{}`", host,
                                    SettingsOf(context).php));
  }
  try {
    LiveConfig live = ParseLiveConfig(report);
    if (!live.opcache_loaded) {
      throw ProviderError(fmt::format("{}: php.opcache: PHP ({}) does not load Zend OPcache",
                                      host, live.binary));
    }
    return ImportedOpcache(host, live, *request.defaults, request);
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format("{}: php.opcache: {}", host, e.what()));
  }
}

std::vector<Change> PhpOpcacheProvider::Diff(const ProviderContext &context,
                                             const LiveState &live) {
  if (live.data.contains("php") && live.data["php"].is_null()) return {};
  try {
    return DiffHost(context.host.name, context.desired, SettingsOf(context),
                    ParseLiveConfig(live.data));
  } catch (const std::invalid_argument &e) {
    throw ProviderError(fmt::format("{}: php.opcache: {}", context.host.name, e.what()));
  }
}

void PhpOpcacheProvider::Validate(Transport &transport, const ProviderContext &context,
                                  std::vector<Change> &changes) {
  Settings settings = SettingsOf(context);
  Batch batch = BatchOf(context, settings, changes);
  if (batch.empty()) return;
  CheckVerdict verdict = RunCheck(transport, settings, batch.staged, batch.expect, nullptr);
  if (!verdict.errors.empty()) throw ProviderError(Join(verdict.errors));
  for (Change &c : changes) {
    if (c.kind == ChangeKind::kNothing) continue;
    for (const std::string &w : verdict.warnings) {
      c.warnings.push_back("PHP already reports, before this change: " + w);
    }
  }
}

void PhpOpcacheProvider::Apply(Transport &transport, const ProviderContext &context,
                               const std::vector<Change> &changes) {
  Settings settings = SettingsOf(context);
  Batch batch = BatchOf(context, settings, changes);
  if (batch.empty()) return;
  // The staged check first: a configuration PHP rejects is never written.
  CheckVerdict staged = RunCheck(transport, settings, batch.staged, batch.expect, nullptr);
  if (!staged.errors.empty()) throw ProviderError(Join(staged.errors));

  std::map<std::string, std::optional<std::string>> saved;
  for (const auto &[path, content] : batch.staged) saved[path] = transport.ReadFile(path);
  try {
    for (const auto &[path, content] : batch.staged) {
      if (content) transport.WriteFile(path, *content, WriteOptions{});
      else transport.Remove(path);
    }
  } catch (const std::exception &e) {
    std::vector<std::string> failures = Restore(transport, saved);
    throw ProviderError(fmt::format("{}: php.opcache: {}; previous files restored{}",
                                    context.host.name, e.what(),
                                    failures.empty() ? "" : ", except:\n" + Join(failures)));
  }
  // Then PHP itself on the real files, against the messages it printed
  // before kilter touched anything.
  CheckVerdict real = RunCheck(transport, settings, {}, batch.expect, &staged.baseline);
  if (real.errors.empty()) return;
  std::vector<std::string> failures = Restore(transport, saved);
  throw ProviderError(fmt::format("{}\n{}: php.opcache: the previous files were restored{}",
                                  Join(real.errors), context.host.name,
                                  failures.empty() ? "" : ", except:\n" + Join(failures)));
}

std::vector<Handler> PhpOpcacheProvider::Handlers(const ProviderContext &context) const {
  const std::string reload = SettingsOf(context).reload;
  if (reload.empty()) return {};
  return {{kHandler, reload, "reload"}};
}

std::unique_ptr<Provider> MakePhpOpcacheProvider() {
  return std::make_unique<PhpOpcacheProvider>();
}

}  // namespace kilter::reconciler::php_opcache
