#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

/// What the boot loads: the *.conf files of the sysctl.d directories in
/// systemd-sysctl's order, and the value each key ends up with
/// (sysctl.d(5)).
namespace kilter::reconciler::sysctl {

/// A file found in a sysctl.d directory.
struct ConfFile {
  std::string path;
  std::string content;
};

/// The files the boot loads, in the order it applies them: every file of
/// `dirs` (highest priority first: a name found in an earlier directory
/// hides the same name in later ones), sorted by file name. `found` holds
/// the files of each directory.
std::vector<ConfFile> LoadOrder(const std::vector<std::string>& dirs,
                                const std::map<std::string, std::vector<ConfFile>>& found);

/// One `key = value` line of a file.
struct Assignment {
  std::string value;  ///< as written, without surrounding blanks
  std::string file;   ///< the file's path
  size_t order = 0;   ///< the file's place in the load order
  bool glob = false;  ///< the line names keys by a pattern ("net.ipv4.conf.*.rp_filter")
};

/// The assignments of a load order, by key.
class Persisted {
 public:
  explicit Persisted(const std::vector<ConfFile>& load_order);

  /// The assignment of normal key `key` that the boot leaves in place: the
  /// last explicit one, else the last glob line ("net.ipv4.conf.*.rp_filter")
  /// that matches it, as systemd-sysctl applies them. `skip` leaves out the
  /// files it names.
  std::optional<Assignment> Effective(const std::string& key,
                                      const std::vector<std::string>& skip = {}) const;

  /// The keys the files set by name (glob lines left out), each once, in
  /// the order the boot first meets them.
  std::vector<std::string> Keys() const;

 private:
  std::vector<std::pair<std::string, Assignment>> lines_;  ///< normal key or glob, in load order
};

/// The place a file named `name` takes in the load order of `files`: the
/// number of files whose name sorts before it.
size_t PlaceOf(const std::string& name, const std::vector<ConfFile>& files);

/// The file name part of `path`.
std::string BaseName(const std::string& path);

}  // namespace kilter::reconciler::sysctl
