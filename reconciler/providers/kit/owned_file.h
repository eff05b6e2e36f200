#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reconciler/plan/change.h"

/// Files kilter owns on a host carry a header of comment lines: a mark naming
/// the resource, optional `kilter-KEY: value` records, and a seal (the
/// SHA-256 of the rest of the file as kilter wrote it). The mark is how kilter
/// finds what it owns without a state file; the seal tells a file changed on
/// the host from a spec that moved.
///
///   #!/bin/bash                      (only where the file kind needs one)
///   # Managed by kilter: backup.policy "db" @ db1. Changes made here are
///   drift. # kilter-fields: {...} # kilter-fingerprint: <sha256 of every other
///   line> body
namespace kilter::reconciler::kit {

/// How a kind of file writes a comment: the leader of every header line.
enum class Comment : char {
  kHash = '#',       ///< shell scripts, cron files, nginx configuration
  kSemicolon = ';',  ///< ini files (PHP)
};

/// A file kilter is about to write.
struct FileToOwn {
  std::string type;  ///< the resource the mark names
  std::string name;
  std::string host;
  Comment comment = Comment::kHash;
  std::string shebang;                                       ///< "#!/bin/bash", or ""
  std::vector<std::pair<std::string, std::string>> records;  ///< `kilter-KEY: value` lines
  std::string body;
};

/// The file's text: the shebang, the mark, the records, the seal, the body.
std::string Render(const FileToOwn& file);

/// How every mark line of `type`'s files begins: what a scan on the host
/// matches to find them ("; Managed by kilter: php.opcache ").
std::string MarkPrefix(Comment comment, const std::string& type);

/// `name` as part of a file name: every character outside [A-Za-z0-9._-]
/// made '-' ("a b/c" -> "a-b-c").
std::string FileNamePart(const std::string& name);

/// A file that carries kilter's mark, as found on a host.
struct OwnedFile {
  std::string path;
  std::string content;
  std::string type;  ///< the resource the mark names
  std::string name;
  std::string host;
  Comment comment = Comment::kHash;
  bool intact = false;  ///< the seal matches: nobody changed the file since
                        ///< kilter wrote it

  /// The value of the header line `kilter-KEY: value`, or "".
  std::string Record(const std::string& key) const;
  /// True when the file already is `desired` (a Render output): equal, or
  /// intact and equal but for a seal an older kilter wrote, so upgrading
  /// kilter rewrites no file.
  bool Is(const std::string& desired) const;
};

/// The mark of `content`, or nullopt when it carries none written with
/// `comment` (on its first line, or its second after a #! line).
std::optional<OwnedFile> ReadOwned(const std::string& path, const std::string& content,
                                   Comment comment);

/// Why kilter's file at `path` must be written, for a change's reasons:
/// "PATH does not exist", "PATH holds what kilter wrote for older specs"
/// (`intact`), or "PATH was edited on the host".
std::string WhyWrite(const std::string& path, bool exists, bool intact);

/// Why kilter's file differs from what it would write: missing, written by
/// kilter for older specs (`owned` and intact), or edited on the host.
DriftCause CauseOf(bool exists, const std::optional<OwnedFile>& owned);

/// The field lines of a change from the fields `owned` recorded when kilter
/// wrote it (`kilter-fields`) to `fields`: every field when the file does not
/// exist, else those that differ (a field the record lacks was null).
std::vector<FieldChange> FieldsSinceRecorded(const std::optional<OwnedFile>& owned, bool exists,
                                             const nlohmann::json& fields);

/// The delete changes for owned files whose resource the specs no longer
/// declare (`declared` says, per file, whether they still do): one per
/// resource named by a mark of `type` on `host`, in name order, each with
/// live = {"files": {PATH: content}}, a "remove PATH" action per file with
/// its diff, and `reason`.
std::vector<Change> DeletesOfUndeclared(const std::vector<OwnedFile>& owned,
                                        const std::string& type, const std::string& host,
                                        const std::function<bool(const OwnedFile&)>& declared,
                                        const std::string& reason);

}  // namespace kilter::reconciler::kit
