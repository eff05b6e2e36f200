#pragma once

#include <string>
#include <vector>

#include "reconciler/plan/change.h"
#include "reconciler/plan/plan.h"

namespace kilter::reconciler {

/// What moved on a host since its plan was made, one line per resource:
/// a live object whose fingerprint changed, one that appeared (a new owned
/// object, a new delete) or one the plan saw that is no longer read. Empty
/// when the plan still holds.
std::vector<std::string> StaleResources(const HostPlan& planned,
                                        const std::vector<Change>& fresh);

}  // namespace kilter::reconciler
