#pragma once

#include <cstddef>
#include <functional>

namespace kilter::reconciler {

/// Calls `fn(i)` for every i in [0, count) on at most `parallel` threads at a
/// time (hosts in parallel, bounded by --parallel). `fn` must not throw; it
/// records its own errors (one host's failure never stops the others).
void ParallelFor(size_t count, int parallel, const std::function<void(size_t)>& fn);

}  // namespace kilter::reconciler
