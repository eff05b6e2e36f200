#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/plan/plan.h"

/// `kilter drift --notify`: what a webhook is told about a drift report. Built
/// from the report alone (already redacted: no field value, only field names,
/// kinds, causes and problems, whose sensitive values the plan hid), so a
/// secret of the specs cannot reach a webhook. See docs/reconcile.md
/// "Notifications".
namespace kilter::reconciler {

/// Why a notification is sent: drift appeared, the drifted addresses changed,
/// or drift cleared.
enum class NotifyEvent { kNone, kFound, kChanged, kCleared };

/// "found", "changed", "cleared" ("none" for kNone).
const char* ToString(NotifyEvent event);

/// One line of drift a notification lists: a change or problem, a pending
/// handler, or an expired suppression.
struct DriftItem {
  std::string address;  ///< `file "motd" @ box`, `handler "php-fpm" @ web1`, ...
  std::string host;     ///< "" for an expired suppression
  std::string summary;  ///< "update (changed on the host): content"
};

/// What `report` counts as drift, in report order (the order of the text).
std::vector<DriftItem> DriftItems(const Plan& report);

/// The addresses of DriftItems, sorted: what the notification state records.
std::vector<std::string> DriftedAddresses(const Plan& report);

/// The JSON posted for `event`: kind, event, created, exit_status, counts,
/// drifted (address, host, summary) and `text`, a one-line summary that Slack
/// and Mattermost show.
nlohmann::json NotifyBody(const Plan& report, NotifyEvent event);

/// The `text` of NotifyBody: "kilter drift: 3 resources drifted on 2 hosts
/// (web1, db1)", or "kilter drift: drift cleared on 2 hosts".
std::string NotifyText(const Plan& report, NotifyEvent event);

}  // namespace kilter::reconciler
