#include "reconciler/cli/import_probe.h"

#include <filesystem>

#include <fmt/format.h>

#include "compiler/driver/compile.h"
#include "compiler/driver/disk_reader.h"

namespace kilter::cli {

namespace {

/// The disk, plus one file that exists only in memory.
class ProbeReader : public compiler::SourceReader {
 public:
  ProbeReader(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  bool Read(const std::string& path, std::string& text, std::string& error) override {
    if (path != path_) return disk_.Read(path, text, error);
    text = text_;
    return true;
  }
  bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) override {
    return disk_.ListDirectory(path, entries);
  }

 private:
  compiler::DiskReader disk_;
  std::string path_;
  std::string text_;
};

}  // namespace

std::optional<catalog::Resource> SchemaDefaults(const CompileFlags& flags,
                                                const std::string& type,
                                                const std::string& host) {
  std::string first = flags.request.paths.empty() ? "." : flags.request.paths.front();
  std::filesystem::path dir(first);
  if (!std::filesystem::is_directory(dir)) dir = dir.parent_path();
  std::string probe = (dir / ".kilter-import-defaults.kilt").string();
  compiler::CompileRequest request = flags.request;
  request.paths = {probe};
  ProbeReader reader(probe, fmt::format("{} \"kilter-import-defaults\" on {} {{}}\n", type, host));
  compiler::Compilation compilation;
  compiler::Compile(request, reader, compilation);
  if (compilation.diags.has_errors() || compilation.catalog.resources.size() != 1) {
    return std::nullopt;
  }
  return compilation.catalog.resources.front();
}

}  // namespace kilter::cli
