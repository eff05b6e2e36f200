#pragma once

#include <string>
#include <vector>

#include "compiler/base/source.h"

namespace kilter::compiler {

/// The real file system behind SourceReader: what the CLI hands the compiler.
/// Each file is read with one open and as few reads as its size needs.
class DiskReader : public SourceReader {
 public:
  bool Read(const std::string& path, std::string& text, std::string& error) override;
  /// Lists a directory; symbolic links to directories are listed as files,
  /// so a link loop cannot make the walk endless.
  bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) override;
};

}  // namespace kilter::compiler
