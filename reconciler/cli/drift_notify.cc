#include "reconciler/cli/drift_notify.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "compiler/catalog/units.h"
#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/webhook.h"
#include "reconciler/drift/notify_state.h"
#include "reconciler/secrets/secret_key.h"

namespace kilter::cli {

namespace {

std::string DefaultStatePath() {
  std::string dir = reconciler::UserStateDir();
  return dir.empty() ? "" : dir + "/drift-notify.json";
}

/// The state file's content; a missing file is the state before any notification.
reconciler::NotifyState LoadState(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  try {
    return reconciler::ParseState(text.str());
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "kilter drift: warning: {}: {}; starting from no notified drift\n", path,
               e.what());
    return {};
  }
}

void Warn(const std::string& message) {
  fmt::print(stderr, "kilter drift: warning: {}\n", message);
  std::fflush(stderr);
}

}  // namespace

std::set<std::string> NotifyOptions() { return {"notify", "notify-state", "notify-timeout"}; }

NotifyFlags ReadNotifyFlags(const Args& args) {
  NotifyFlags flags;
  flags.urls = args.GetAll("notify");
  for (const std::string& url : flags.urls) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      throw UsageError(
          fmt::format("--notify takes an http:// or https:// URL, not {}", RedactUrl(url)));
    }
  }
  if (args.Has("notify-timeout")) {
    catalog::units::Parsed timeout = catalog::units::ParseDuration(args.Get("notify-timeout"));
    if (!timeout.error.empty() || timeout.value <= 0) {
      throw UsageError(fmt::format("--notify-timeout takes a duration such as 10s, not \"{}\"",
                                   args.Get("notify-timeout")));
    }
    flags.timeout = std::chrono::milliseconds(timeout.value);
  }
  flags.state_path = args.Get("notify-state", DefaultStatePath());
  if (!flags.urls.empty() && flags.state_path.empty()) {
    throw UsageError("--notify needs --notify-state FILE: neither XDG_STATE_HOME nor HOME is set");
  }
  return flags;
}

void Notify(const reconciler::Plan& report, const NotifyFlags& flags) {
  if (flags.urls.empty()) return;
  if (reconciler::ExitCode(report) == 1) {
    // A host not read may hold drift: the report cannot say it cleared.
    Warn("not notifying: the report has errors (the notification state is kept)");
    return;
  }
  reconciler::NotifyState last = LoadState(flags.state_path);
  std::vector<std::string> now = reconciler::DriftedAddresses(report);
  reconciler::NotifyEvent event = reconciler::Decide(last, now);
  if (event == reconciler::NotifyEvent::kNone) return;

  std::string body = reconciler::NotifyBody(report, event).dump() + "\n";
  auto post = [&flags](const std::string& url, const std::string& text) {
    return CurlPost(url, text, flags.timeout);
  };
  auto sleep = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
  bool all_posted = true;
  for (const std::string& url : flags.urls) {
    std::string failed;
    try {
      failed = PostWithRetries(post, url, body, RetryPolicy{}, sleep);
    } catch (const std::system_error& e) {
      failed = fmt::format("curl could not be run: {}", e.what());
    }
    if (failed.empty()) continue;
    all_posted = false;
    Warn(fmt::format("could not notify {}: {}", RedactUrl(url), failed));
  }
  if (!all_posted) {
    Warn(fmt::format("{} left as it was: the next run notifies again", flags.state_path));
    return;
  }
  try {
    std::filesystem::path dir = std::filesystem::path(flags.state_path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
    WriteFileAtomically(flags.state_path, reconciler::StateText({now, reconciler::NowUtc()}));
  } catch (const std::exception& e) {
    Warn(fmt::format("notified, but could not record it: {}", e.what()));
  }
}

}  // namespace kilter::cli
