#pragma once

#include <cstdint>
#include <string>

#include "compiler/base/source.h"

namespace kilter::compiler {

/// What a schema's `memory` line gives for one resource: the most memory
/// it lets its process take on each of its hosts.
struct MemoryUse {
  int64_t bytes = 0;
  std::string what;  ///< the line's message
  Span at;           ///< the first field it names that the spec set, else the resource
};

}  // namespace kilter::compiler
