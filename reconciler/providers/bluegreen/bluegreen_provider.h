#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// bluegreen.service: named slots of upstream servers behind nginx, one of
/// them live. Owns one nginx file per service (the live upstream and one per
/// slot). A switch happens only after the target slot passes its health
/// checks, is validated by `nginx -t`, proven serving after the reload, and
/// rolled back if it then fails its checks through the frontend or a
/// health.check it names in `checked_by`; then the previous slot is drained.
std::unique_ptr<Provider> MakeBlueGreenProvider();

}  // namespace kilter::reconciler
