#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"

/// Pool files as PHP-FPM reads them: the directives a pool resource declares,
/// the file kilter writes for it, and what the *.conf files of the pool
/// directory persist for a pool (php-fpm.conf(5): INI sections named after
/// pools; a section met again continues the same pool, and the last value
/// of a directive wins).
namespace kilter::reconciler::php_fpm_pool {

/// The resource type, as the marks of its files name it.
inline constexpr const char* kType = "php.fpm_pool";

/// One pool directive with its value.
struct Directive {
  std::string name;   ///< as FPM names it: "pm.max_children", "php_admin_value[memory_limit]"
  std::string value;  ///< as the pool file writes it: "256M", "30s"
};

/// The directives `resource` declares, in the order kilter's file writes
/// them; pm.status_path only when it is set.
std::vector<Directive> DeclaredDirectives(const catalog::Resource& resource);

/// kilter's pool file for `resource`: its mark, then the [NAME] section.
std::string RenderFile(const catalog::Resource& resource, const std::string& host);

/// `value` of directive `name` in the form compared: durations in seconds
/// ("1m" -> "60"), memory_limit in bytes ("256M" -> "268435456"), other
/// values as written without quotes or surrounding blanks.
std::string Canonical(const std::string& name, const std::string& value);

/// A pool file of the pool directory.
struct PoolFile {
  std::string path;
  std::string content;
  int64_t mtime = 0;  ///< seconds since the epoch
};

/// Where a directive's persisted value comes from.
struct Assignment {
  std::string value;  ///< as written, without quotes; $pool expanded
  std::string file;
};

/// The directives each pool ends up with when FPM loads `files` in order.
class PersistedPools {
 public:
  explicit PersistedPools(const std::vector<PoolFile>& files);

  /// Whether some file defines pool `pool`.
  bool Defines(const std::string& pool) const { return pools_.count(pool) > 0; }
  /// The last assignment of `directive` in pool `pool`; `skip` leaves out the
  /// files it names.
  std::optional<Assignment> Effective(const std::string& pool, const std::string& directive,
                                      const std::vector<std::string>& skip = {}) const;
  /// Every pool the files define, by name.
  std::vector<std::string> Pools() const;
  /// The directives pool `pool` sets, each once, in the order first set.
  std::vector<std::string> DirectivesOf(const std::string& pool) const;
  /// The files that define pool `pool`, in load order.
  std::vector<std::string> FilesOf(const std::string& pool) const;

 private:
  /// pool -> its assignments in load order: (directive, assignment)
  std::map<std::string, std::vector<std::pair<std::string, Assignment>>> pools_;
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace kilter::reconciler::php_fpm_pool
