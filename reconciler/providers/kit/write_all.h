#pragma once

#include <cstdint>
#include <functional>
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

/// WriteAll, then `check` (the service's own configuration check, which
/// reads the files as written). When the check throws, every file is put
/// back as it was and std::runtime_error carries the check's words, saying
/// the files were put back (or which could not be).
void WriteAllChecked(Transport& transport, const std::vector<FileWrite>& writes, uint32_t mode,
                     const std::function<void()>& check);

}  // namespace kilter::reconciler::kit
