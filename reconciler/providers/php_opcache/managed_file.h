#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reconciler/providers/managed_file.h"

/// kilter's ownership mark on the ini files it writes: a header naming the
/// resource and a fingerprint of the directives below it, so a later read can
/// tell "edited on the host" from "written by kilter, the specs moved". The
/// wording follows reconciler/providers/managed_file.h, written as ';'
/// comments for PHP's ini syntax; the resource name is a JSON string so any
/// name survives.
namespace kilter::reconciler::php_opcache {

/// The first line of every file kilter owns starts with this.
inline constexpr const char* kMarkPrefix = "; Managed by kilter: php.opcache ";

/// One directive line: "opcache.memory_consumption" -> "256".
using IniLine = std::pair<std::string, std::string>;

/// The content kilter writes for resource `name` on `host`: the header, then
/// one `directive=value` line per entry, in order.
std::string RenderManagedFile(const std::string& name, const std::string& host,
                              const std::vector<IniLine>& lines);

/// A file that carries kilter's mark, as found on a host.
struct ManagedFile {
  std::string path;
  std::string content;
  std::string name;                  ///< the resource the header names
  std::string host;                  ///< the host the header names
  std::string recorded_fingerprint;  ///< what kilter wrote, per the header
  bool intact = false;               ///< the body still hashes to the recorded fingerprint
};

/// The mark of `content`, or nullopt when the file is not kilter's (no mark,
/// or a first line that does not parse).
std::optional<ManagedFile> ParseManagedFile(const std::string& path, const std::string& content);

/// The file name for resource `name` from the `file_name` setting: "{name}"
/// replaced by the name, with every character outside [A-Za-z0-9._-] made '-'.
std::string FileNameFor(const std::string& pattern, const std::string& name);

}  // namespace kilter::reconciler::php_opcache
