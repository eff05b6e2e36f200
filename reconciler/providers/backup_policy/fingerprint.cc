#include "reconciler/providers/backup_policy/fingerprint.h"

#include <cstdint>

#include <fmt/format.h>

namespace kilter::reconciler::backup {

std::string Fingerprint(std::string_view content) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace kilter::reconciler::backup
