#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "reconciler/cli/args.h"
#include "reconciler/plan/plan.h"

/// `kilter drift --notify URL`: posting the report's summary to webhooks when
/// drift appears, changes or clears (docs/reconcile.md "Notifications").
namespace kilter::cli {

/// The --help lines of drift's notification flags.
#define KILTER_NOTIFY_FLAGS_HELP                                               \
  "  --notify URL         post a JSON summary to this webhook (http, https;\n" \
  "                       repeatable) when drift appears, changes or clears\n" \
  "  --notify-state FILE  what was last notified (default:\n"                  \
  "                       $XDG_STATE_HOME/kilter/drift-notify.json)\n"         \
  "  --notify-timeout DUR  how long one post may take (default: 10s)\n"

/// The notification flags of one drift run.
struct NotifyFlags {
  std::vector<std::string> urls;  ///< empty: no notification
  std::string state_path;
  std::chrono::milliseconds timeout{10000};
};

/// The option names of KILTER_NOTIFY_FLAGS_HELP.
std::set<std::string> NotifyOptions();

/// Reads --notify, --notify-state and --notify-timeout. Throws UsageError for
/// a URL that is not http(s), a bad duration, or no state path to default to.
NotifyFlags ReadNotifyFlags(const Args& args);

/// Posts the summary of `report` to every URL when its drifted addresses
/// differ from the state file's, and then records them there. A run with
/// errors, a failed post or a bad state file is reported on stderr (URLs
/// redacted); the state is only advanced when every post succeeded.
void Notify(const reconciler::Plan& report, const NotifyFlags& flags);

}  // namespace kilter::cli
