#include "compiler/driver/spec_files.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

namespace kilter::compiler {

namespace {

std::string Join(const std::string& dir, const std::string& name) {
  if (dir == ".") return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The entries of `dir` sorted by name, or false when it is not a directory.
bool ListSorted(const std::string& dir, SourceReader& reader,
                std::vector<SourceReader::DirEntry>& entries) {
  if (!reader.ListDirectory(dir, entries)) return false;
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return true;
}

/// Appends the .kilt files among `entries` of `dir` and below, in sorted
/// order, subdirectories walked where they sort.
void Walk(const std::string& dir, const std::vector<SourceReader::DirEntry>& entries,
          SourceReader& reader, std::vector<std::string>& out) {
  for (const auto& entry : entries) {
    // Hidden entries are tooling (.git, editors' swap files), never specs.
    if (entry.name.empty() || entry.name[0] == '.') continue;
    std::string path = Join(dir, entry.name);
    std::vector<SourceReader::DirEntry> below;
    if (entry.is_directory && ListSorted(path, reader, below)) {
      Walk(path, below, reader, out);
    } else if (!entry.is_directory && EndsWith(entry.name, ".kilt")) {
      out.push_back(path);
    }
  }
}

}  // namespace

bool PrefetchReader::Prefetch(const std::string& path, std::string& error) {
  std::string text;
  if (!inner_.Read(path, text, error)) return false;
  texts_[path] = std::move(text);
  return true;
}

bool PrefetchReader::Read(const std::string& path, std::string& text, std::string& error) {
  auto it = texts_.find(path);
  if (it == texts_.end()) return inner_.Read(path, text, error);
  text = std::move(it->second);
  texts_.erase(it);
  return true;
}

std::string DisplayPath(const std::string& path) {
  std::string normal = std::filesystem::path(path).lexically_normal().generic_string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal.empty() ? "." : normal;
}

std::vector<std::string> FindSpecFiles(const std::vector<std::string>& paths,
                                       PrefetchReader& reader, Diagnostics& diags) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& given : paths) {
    std::string path = DisplayPath(given);
    std::vector<std::string> found;
    std::vector<SourceReader::DirEntry> entries;
    if (ListSorted(path, reader, entries)) {
      Walk(path, entries, reader, found);
      if (found.empty()) {
        diags.Error("E0410", {}, fmt::format("no .kilt files found below {}", path),
                    "spec files end in .kilt; name a directory that holds some");
      }
    } else {
      found.push_back(path);
    }
    for (std::string& file : found) {
      if (!seen.insert(file).second) continue;
      std::string error;
      if (!reader.Prefetch(file, error)) {
        diags.Error("E0409", {}, fmt::format("cannot read {}: {}", file, error));
        continue;
      }
      files.push_back(std::move(file));
    }
  }
  return files;
}

std::string InventoryBeside(const std::string& path, SourceReader& reader) {
  std::string normal = DisplayPath(path);
  std::vector<SourceReader::DirEntry> probe;
  if (reader.ListDirectory(normal, probe)) return Join(normal, "kilter.toml");
  std::string parent = std::filesystem::path(normal).parent_path().generic_string();
  return parent.empty() ? "kilter.toml" : Join(parent, "kilter.toml");
}

}  // namespace kilter::compiler
