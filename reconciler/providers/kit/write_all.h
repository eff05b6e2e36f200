#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler::kit {

/// A file apply writes (`content`) or removes (no content), and what was
/// there before (nullopt: nothing).
struct FileWrite {
  std::string path;
  std::optional<std::string> content;
  std::optional<std::string> before;
};

/// Does every write in order, or leaves the files as they were: when one
/// fails, the writes already done are undone, newest first, then
/// std::runtime_error carries the failure and names any file that could not
/// be put back. Files are written with permission bits `mode`.
void WriteAll(Transport& transport, const std::vector<FileWrite>& writes, uint32_t mode = 0644);

}  // namespace kilter::reconciler::kit
