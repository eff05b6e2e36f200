#pragma once

#include <cstdint>
#include <map>
#include <string>

/// The ownership record of files whose content cannot carry a mark
/// (owned_file.h): the `file` type's, whose content is anything. The mark
/// lives beside them: one manifest per host (STATE_DIR/files.manifest)
/// listing every such file kilter wrote, with the SHA-256 (digest.h) of what
/// it wrote. A listed file absent from the specs is
/// deleted; a listed file whose content no longer matches its recorded hash
/// was changed on the host (drift cause live-changed) rather than in the specs.
namespace kilter::reconciler::kit {

/// One file kilter wrote.
struct ManifestEntry {
  std::string name;    ///< the resource name, for the address of a delete
  std::string sha256;  ///< of the content kilter wrote
  uint32_t mode = 0644;
  std::string owner;  ///< empty: kilter does not manage it
  std::string group;
  bool sensitive = false;  ///< content is schema-sensitive: never shown, even when deleted
};

/// path -> entry.
using Manifest = std::map<std::string, ManifestEntry>;

/// The manifest's path under a state directory.
std::string ManifestPath(const std::string& state_dir);

/// One line per file, tab-separated with the path FIRST (the batched read's
/// shell script takes the paths from the first column):
/// PATH \t SHA256 \t MODE \t OWNER \t GROUP \t FLAGS \t NAME-as-JSON-string.
std::string FormatManifest(const Manifest& manifest);

/// Throws std::runtime_error naming the line when the text is not a manifest.
Manifest ParseManifest(const std::string& text);

}  // namespace kilter::reconciler::kit
