#pragma once

#include <cstdint>
#include <string>

#include "compiler/catalog/catalog.h"

namespace kilter::reconciler::file {

/// A desired `file` resource, its fields checked (stdlib/schemas/file.kilt).
struct FileSpec {
  std::string name;
  std::string path;
  std::string content;
  uint32_t mode = 0644;
  std::string owner;  ///< empty: not managed
  std::string group;  ///< empty: not managed
  bool sensitive = false;  ///< content is schema-sensitive
};

/// Throws ProviderError naming the resource when a field is unusable: a path
/// that is not absolute or holds a tab or newline, a mode that is not octal
/// permission bits.
FileSpec ParseFileSpec(const catalog::Resource& resource);

/// "0644".
std::string ModeText(uint32_t mode);

}  // namespace kilter::reconciler::file
