#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"

namespace kilter::compiler {

/// Reads the spec files the driver found up front, then hands each text to
/// the evaluator's first Read of it, so every file is read from disk once.
class PrefetchReader : public SourceReader {
 public:
  explicit PrefetchReader(SourceReader& inner) : inner_(inner) {}

  /// Reads `path` now; false (with `error`) when it cannot be read.
  bool Prefetch(const std::string& path, std::string& error);

  bool Read(const std::string& path, std::string& text, std::string& error) override;
  bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) override {
    return inner_.ListDirectory(path, entries);
  }

 private:
  SourceReader& inner_;
  std::map<std::string, std::string> texts_;
};

/// The .kilt files below each of `paths` (a directory: every .kilt file below
/// it, skipping hidden entries; a file: itself), sorted within each directory
/// and each listed once, as paths the user can read: "." contributes
/// "main.kilt", "specs/" contributes "specs/web.kilt". Each is prefetched;
/// a path that cannot be read is E0409, a directory with no .kilt file E0410.
std::vector<std::string> FindSpecFiles(const std::vector<std::string>& paths,
                                       PrefetchReader& reader, Diagnostics& diags);

/// The inventory beside the specs: kilter.toml in `path` when it is a
/// directory, else beside the file `path`.
std::string InventoryBeside(const std::string& path, SourceReader& reader);

/// `path` in the form diagnostics show: lexically normal, no leading "./".
std::string DisplayPath(const std::string& path);

}  // namespace kilter::compiler
