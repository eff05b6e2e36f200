#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

/// What redis-server loads at start: its main config file and the files its
/// `include` lines name, read in place (an include is loaded where it
/// stands), so a later line wins (docs/providers/redis.server.md, "The
/// persisted plane").
namespace kilter::reconciler::redis_server {

/// One directive line, in the order redis-server applies it.
struct Directive {
  std::string name;               ///< lower case: "maxmemory"
  std::vector<std::string> args;  ///< the words after the name
  std::string file;               ///< the file it is in
  bool owned = false;             ///< the file is kilter's
};

/// Every directive of a main config file and its includes, in load order.
struct LoadOrder {
  std::vector<Directive> directives;
  /// kilter's file is included; its directives (none while it does not
  /// exist) start at `owned_at` and end before `owned_end`.
  bool includes_owned = false;
  size_t owned_at = 0;
  size_t owned_end = 0;
  std::vector<std::string> missing;  ///< included by name but not found
};

/// Loads `main` from `files` (path -> content, what the host held),
/// following include lines (a pattern with * ? [ matches the paths of
/// `files`, sorted, and may match none) up to 10 deep.
LoadOrder Load(const std::string& main, const std::map<std::string, std::string>& files,
               const std::string& owned_path);

/// The value a directive ends up with.
struct Effective {
  std::string value;  ///< the words, one blank between
  std::string file;
  size_t index = 0;   ///< place in LoadOrder::directives
  bool owned = false;
};

/// The effective value of parameter `name` (lower case): the last line
/// naming it. `save` lines add rules to each other, and `save ""` drops
/// those before it, as redis-server reads them. `rename-command CMD`
/// (CMD lower case) is the last rename of CMD, its value the new name.
std::optional<Effective> EffectiveOf(const LoadOrder& order, const std::string& name);

}  // namespace kilter::reconciler::redis_server
