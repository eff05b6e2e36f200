#include "reconciler/cli/import_probe.h"

#include <filesystem>

#include <fmt/format.h>

#include "compiler/driver/compile.h"
#include "compiler/driver/disk_reader.h"

namespace kilter::cli {

namespace {

/// The disk, plus one file that exists only in memory and is listed in its
/// directory.
class ProbeReader : public compiler::SourceReader {
 public:
  ProbeReader(std::filesystem::path path, std::string text)
      : path_(std::move(path)), text_(std::move(text)) {}

  bool Read(const std::string& path, std::string& text, std::string& error) override {
    if (std::filesystem::path(path).lexically_normal() != path_.lexically_normal()) {
      return disk_.Read(path, text, error);
    }
    text = text_;
    return true;
  }
  bool ListDirectory(const std::string& path, std::vector<DirEntry>& entries) override {
    if (!disk_.ListDirectory(path, entries)) return false;
    if (std::filesystem::path(path).lexically_normal() ==
        path_.parent_path().lexically_normal()) {
      entries.push_back({path_.filename().string(), false});
    }
    return true;
  }

 private:
  compiler::DiskReader disk_;
  std::filesystem::path path_;
  std::string text_;
};

/// The directory of the first PATH: where the in-memory files go.
std::filesystem::path SpecDir(const CompileFlags& flags) {
  std::filesystem::path dir(flags.request.paths.empty() ? "." : flags.request.paths.front());
  return std::filesystem::is_directory(dir) ? dir : dir.parent_path();
}

}  // namespace

bool CompileImportSpecs(const CompileFlags& flags, catalog::Catalog& catalog) {
  ProbeReader reader(SpecDir(flags) / "kilter-import-empty.kilt", "");
  compiler::Compilation& compilation = LastingCompilation();
  compiler::Compile(flags.request, reader, compilation);
  if (!compilation.diags.all().empty()) PrintDiagnostics(compilation, flags, stderr, true);
  if (compilation.diags.has_errors()) return false;
  catalog = std::move(compilation.catalog);
  return true;
}

std::optional<catalog::Resource> SchemaDefaults(const CompileFlags& flags,
                                                const std::string& type,
                                                const std::string& host) {
  std::filesystem::path probe = SpecDir(flags) / ".kilter-import-defaults.kilt";
  compiler::CompileRequest request = flags.request;
  request.paths = {probe.string()};
  ProbeReader reader(probe, fmt::format("{} \"kilter-import-defaults\" on {} {{}}\n", type, host));
  compiler::Compilation compilation;
  compiler::Compile(request, reader, compilation);
  if (compilation.diags.has_errors() || compilation.catalog.resources.size() != 1) {
    return std::nullopt;
  }
  return compilation.catalog.resources.front();
}

}  // namespace kilter::cli
