#pragma once

#include "reconciler/plan/change.h"
#include "reconciler/providers/bluegreen/service.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::bluegreen {

/// Makes `service.active` live: checks the slot's health right before, writes
/// the file atomically, validates with `nginx -t`, reloads and proves the new
/// workers serve, then checks health through the frontend and runs the
/// health.check resources it names in `checked_by` (their latencies
/// reported when they pass, applied_reports.h). Any failure after the
/// write restores the previous file (and reloads): ProviderError says what
/// failed and that the previous slot serves again. Last, it waits until
/// nginx holds no connection to the servers the switch took out (ToDrain),
/// bounded by drain_timeout.
void Switch(Transport& transport, const ProviderContext& context, const Settings& settings,
            const Service& service, const Change& change);

/// Removes a service no longer declared: remove, `nginx -t` (restoring the
/// file when nginx still needs it), reload and prove it.
void RemoveService(Transport& transport, const Settings& settings, const Change& change);

}  // namespace kilter::reconciler::bluegreen
