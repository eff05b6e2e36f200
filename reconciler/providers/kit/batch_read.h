#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

/// The one way providers (and the engine) read live state: a list of reads
/// (files, ownership manifests, directory listings, commands) done by ONE
/// command on the host, whose output comes back length-framed and typed.
namespace kilter::reconciler::kit {

/// What a batch found at one path.
struct FileRead {
  bool exists = false;   ///< something is at the path
  bool regular = false;  ///< it is a regular file (or a link to one)
  FileStat stat;         ///< mode, owner, group, size of a regular file
  int64_t mtime = 0;     ///< modification time of a regular file, seconds since the epoch
  std::string content;   ///< the whole content of a regular file
  std::string error;     ///< set when the file exists but could not be read
};

/// What a command of a batch printed and how it exited.
struct CommandRead {
  int exit_code = 0;
  std::string out;
  std::string err;
  bool ok() const { return exit_code == 0; }
};

/// Everything a batch read, by what was asked.
struct BatchResult {
  std::map<std::string, FileRead> files;                  ///< by absolute path
  std::map<std::string, std::vector<std::string>> globs;  ///< by the glob's key: matching paths
  std::map<std::string, CommandRead> commands;            ///< by the command's key
  std::map<std::string, std::vector<std::string>> trees;  ///< by the tree's key: paths in load order

  /// The file read at `path`; a path the batch did not report reads as missing.
  const FileRead& File(const std::string& path) const;
  /// The paths a glob matched, sorted (none when nothing matched).
  const std::vector<std::string>& Glob(const std::string& key) const;
  /// The files of an include tree in load order: the root, then what each
  /// include line names, depth first (a missing one too: File says so).
  const std::vector<std::string>& Tree(const std::string& key) const;
  /// The result of a command; throws std::out_of_range for a key never added.
  const CommandRead& Command(const std::string& key) const;
};

/// The reads a provider hands the kit. Paths must be absolute and, like
/// keys, free of newlines (std::invalid_argument otherwise).
class ReadBatch {
 public:
  /// Existence, stat and content of one file. A path is read once per batch.
  void AddFile(const std::string& path);
  /// An ownership manifest: the file, and every absolute path in the first
  /// tab-separated column of its lines.
  void AddManifest(const std::string& path);
  /// The entries of `dir` whose names match the shell `pattern` (e.g.
  /// "kilter-*.conf"), under `key`; with `contents`, each is also read as a
  /// file. A missing directory matches nothing.
  void AddGlob(const std::string& key, const std::string& dir, const std::string& pattern,
               bool contents = false);
  /// The configuration file `root` and every file its include lines name
  /// (include_lines.h: the lines whose first word is `directive`, each a
  /// path or a shell glob, expanded on the host), recursively, up to
  /// kMaxIncludeDepth, under `key`; each file is read as by AddFile.
  void AddTree(const std::string& key, const std::string& root, const std::string& directive);
  /// Runs `shell` with /bin/sh, `stdin_data` on its stdin, and keeps its
  /// output and exit code under `key`. Background commands run in parallel
  /// with what follows; others run in order. Both are text: a NUL byte is
  /// std::invalid_argument.
  void AddCommand(const std::string& key, const std::string& shell,
                  const std::string& stdin_data = "", bool background = false);

  bool empty() const { return lines_.empty(); }

  /// The transport command that does the whole batch; `nonce` ends every
  /// record (a fresh random one per run).
  reconciler::Command ToCommand(const std::string& nonce) const;

  /// The keys of the commands and globs, in the order they were added.
  const std::vector<std::string>& command_keys() const { return command_keys_; }
  const std::vector<std::string>& glob_keys() const { return glob_keys_; }
  const std::vector<std::string>& tree_keys() const { return tree_keys_; }

 private:
  std::vector<std::string> lines_;
  std::vector<std::string> command_keys_;
  std::vector<std::string> glob_keys_;
  std::vector<std::string> tree_keys_;
};

/// Runs `batch` in one command on the host. Throws ProviderError
/// "WHO: reading WHAT failed (exit N): STDERR" when the host cannot run it,
/// and "WHO: reading WHAT: ..." when its output is truncated or does not line
/// up (a file changed while it was being read). WHO names the host or the
/// resource.
BatchResult Read(Transport& transport, const ReadBatch& batch, const std::string& who,
                 const std::string& what);

/// The shell script every batch runs (the reads go on its stdin); tests and
/// fakes recognise a batch by it.
const std::string& BatchScript();

/// The text of a command's script or stdin as a batch carries it on its
/// stdin (escaped for printf's %b), for fakes that serve a batch.
std::string BatchWordText(const std::string& word);

/// The output of a batch split into results; throws std::runtime_error on
/// output that is truncated or does not line up with `nonce`.
BatchResult ParseBatchOutput(const ReadBatch& batch, const std::string& out,
                             const std::string& nonce);

}  // namespace kilter::reconciler::kit
