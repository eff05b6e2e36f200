#pragma once

#include <string>
#include <vector>

/// The location blocks of nginx's whole configuration as `nginx -T` prints
/// it (every file after a "# configuration file PATH:" line), for a type
/// that puts its limits into locations it does not own (nginx.rate_limit):
/// which files each location includes, and which limits it sets itself.
namespace kilter::reconciler::kit {

/// One `location` block, with what is written directly inside it (not in the
/// files it includes, nor in nested locations).
struct NginxLocation {
  std::string match;                   ///< as written after `location`: "/api/", "= /login"
  std::string file;                    ///< the file that holds the block
  std::vector<std::string> includes;   ///< the argument of each `include`, as written
  std::vector<std::string> limit_req;  ///< the arguments of each `limit_req`, joined by ' '
};

/// Every location block of `dump` (nginx -T's output), in order. Comments
/// and quotes are nginx's; a block left open at the end of a file is closed
/// there.
std::vector<NginxLocation> NginxLocations(const std::string& dump);

}  // namespace kilter::reconciler::kit
