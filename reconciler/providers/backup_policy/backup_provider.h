#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// backup.policy: a restic backup of a database or of paths, scheduled by a
/// managed cron file running a generated, managed job script. Owns the cron
/// file and the job script (marked in their first lines); initialises the
/// repository but never removes it or its snapshots.
std::unique_ptr<Provider> MakeBackupPolicyProvider();

}  // namespace kilter::reconciler
