#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kilter::compiler {

/// One loaded text (a .kilt file, an embedded stdlib module, kilter.toml), owned
/// for the whole compilation so spans can point into it.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  /// The path as the user should see it in diagnostics (relative where given so).
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  /// 1-based line and column (in bytes) of a byte offset.
  struct LineCol {
    uint32_t line;
    uint32_t col;
  };
  LineCol Position(uint32_t offset) const;

  /// The text of a 1-based line, without its newline.
  std::string_view Line(uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

/// A byte range in one SourceFile. `file` is null for synthesized nodes.
struct Span {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != nullptr; }
};

/// Owns every SourceFile of a compilation, so spans stay valid as long as it lives.
class SourceManager {
 public:
  const SourceFile& Add(std::string path, std::string text);
  /// The file added under `path`, or null.
  const SourceFile* Find(const std::string& path) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

/// Reads the files a compilation asks for. The compiler never opens files by
/// itself: the driver passes a disk reader, tests pass an in-memory one.
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  /// The text of `path`, or false when it does not exist or cannot be read
  /// (with `error` set to why).
  virtual bool Read(const std::string& path, std::string& text, std::string& error) = 0;

  /// One entry of a directory listing.
  struct DirEntry {
    std::string name;  ///< the entry's name, without the directory
    bool is_directory = false;
  };
  /// The entries of directory `path`, so the driver can find the .kilt files
  /// below a directory. False when `path` is not a directory; readers that
  /// know no directories (in-memory ones) keep this default.
  virtual bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) {
    (void)path;
    (void)entries;
    return false;
  }
};

}  // namespace kilter::compiler
