#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

/// What a batched read found at one path.
struct ReadFileResult {
  bool exists = false;   ///< something is at the path
  bool regular = false;  ///< it is a regular file (or a link to one)
  FileStat stat;         ///< mode, owner, group, size of a regular file
  std::string content;   ///< the whole content of a regular file
  std::string error;     ///< set when the file exists but could not be read
  bool matched = false;  ///< found by a "*DIR\tPATTERN" line (nothing else is read)
};

/// Reads many files in ONE command on the host: a shell script, fed the paths
/// on stdin, prints for each its existence, stat and content, length-framed,
/// so a plan costs one round trip however many files it looks at. Paths must
/// be absolute and free of newlines. A path written "@/some/list" reads that
/// file and also every absolute path in the first tab-separated column of its
/// lines (an ownership manifest and the files it names, in the same trip).
/// A line "*/some/dir\tPATTERN" lists the entries of that directory whose
/// names match the shell PATTERN (`matched` set), e.g. leftover temp files.
/// Throws TransportError when the host cannot run the script or its output
/// is not what the script prints (a file changed size while being read).
std::map<std::string, ReadFileResult> ReadFiles(Transport& transport,
                                                const std::vector<std::string>& paths);

/// The shell script ReadFiles runs (for tests asserting the command list).
const std::string& ReadFilesScript();

}  // namespace kilter::reconciler
