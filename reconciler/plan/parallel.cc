#include "reconciler/plan/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace kilter::reconciler {

void ParallelFor(size_t count, int parallel, const std::function<void(size_t)>& fn) {
  size_t workers = std::min(count, static_cast<size_t>(std::max(parallel, 1)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < count; i = next++) fn(i);
    });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace kilter::reconciler
