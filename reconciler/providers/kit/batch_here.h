#pragma once

#include "reconciler/providers/kit/batch_read.h"

namespace kilter::reconciler::kit {

/// A batch done on this machine: its files, manifests and globs read with
/// system calls, each of its commands run through `transport` (background
/// ones at the same time as what follows). The result is what the batch
/// script gives (files followed through links, "exists but not a regular
/// file", unreadable files, sorted glob matches), without the processes the
/// script forks: a shell, mktemp, stat, cat and rm per batch. For a
/// transport that is local().
BatchResult ReadHere(Transport& transport, const ReadBatch& batch);

}  // namespace kilter::reconciler::kit
