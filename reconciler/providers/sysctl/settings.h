#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::sysctl {

/// The provider's settings for one host, declared with their defaults and
/// rules in stdlib/schemas/sysctl.kilt (`settings sysctl`) and documented in
/// docs/providers/sysctl.md.
struct Settings {
  std::string dir;                       ///< where kilter writes DIR/kilter-NAME.conf
  std::vector<std::string> search_dirs;  ///< what the boot loads, highest priority first
  std::string command_prefix;            ///< runs the /proc/sys reads and writes; "" none

  /// The settings the catalog carries, trailing '/' of the directories
  /// dropped; throws ProviderError when it lacks one.
  static Settings From(const nlohmann::json& json);
  /// kilter's file for resource `name`: DIR/kilter-NAME.conf, every character
  /// of NAME outside [A-Za-z0-9._-] made '-'.
  std::string FileOf(const std::string& name) const;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, dir, search_dirs, command_prefix)

}  // namespace kilter::reconciler::sysctl
