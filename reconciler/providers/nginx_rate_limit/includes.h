#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/kit/nginx_locations.h"

namespace kilter::reconciler::nginx_rate_limit {

/// What is wrong with how nginx's configuration (its locations, from
/// `nginx -T`) uses the snippet at `snippet_path` for `locations`: a listed
/// location nginx does not have, one that does not include the snippet (so
/// nginx does not limit it), and a snippet included by a location that is
/// not listed. Empty when every listed location includes it.
std::vector<std::string> IncludeProblems(const std::vector<kit::NginxLocation>& found,
                                         const std::vector<std::string>& locations,
                                         const std::string& snippet_path);

/// Warnings for listed locations that set limit_req themselves: the
/// snippet's limit applies beside theirs, and a limit_req of the enclosing
/// server no longer applies there (nginx inherits limits only into a level
/// that sets none).
std::vector<std::string> OwnLimitWarnings(const std::vector<kit::NginxLocation>& found,
                                          const std::vector<std::string>& locations);

}  // namespace kilter::reconciler::nginx_rate_limit
