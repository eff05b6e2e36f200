#include "reconciler/providers/nginx_rate_limit/includes.h"

#include <fmt/format.h>

#include <algorithm>

namespace kilter::reconciler::nginx_rate_limit {

namespace {

/// Whether `include` names the snippet: its path, or a relative path that
/// ends in the snippet's file name (nginx resolves it against its prefix).
bool Names(const std::string& include, const std::string& snippet_path) {
  if (include == snippet_path) return true;
  std::string base = snippet_path.substr(snippet_path.rfind('/') + 1);
  if (include.empty() || include[0] == '/') return false;
  return include == base ||
         (include.size() > base.size() &&
          include.compare(include.size() - base.size() - 1, std::string::npos, "/" + base) == 0);
}

bool Includes(const kit::NginxLocation& l, const std::string& snippet_path) {
  return std::any_of(l.includes.begin(), l.includes.end(),
                     [&](const std::string& i) { return Names(i, snippet_path); });
}

bool Listed(const std::vector<std::string>& locations, const std::string& match) {
  return std::find(locations.begin(), locations.end(), match) != locations.end();
}

}  // namespace

std::vector<std::string> IncludeProblems(const std::vector<kit::NginxLocation>& found,
                                         const std::vector<std::string>& locations,
                                         const std::string& snippet_path) {
  std::vector<std::string> problems;
  for (const std::string& want : locations) {
    bool seen = false, included = false;
    std::string files;
    for (const kit::NginxLocation& l : found) {
      if (l.match != want) continue;
      seen = true;
      if (Includes(l, snippet_path)) {
        included = true;
      } else {
        files += (files.empty() ? "" : ", ") + l.file;
      }
    }
    if (!seen) {
      problems.push_back(
          fmt::format("nginx has no `location {}` (nginx -T): nothing is limited there", want));
    } else if (!included || !files.empty()) {
      problems.push_back(
          fmt::format("`location {}` in {} does not include {}: nginx does not "
                      "limit it; add `include {};` inside the block",
                      want, files, snippet_path, snippet_path));
    }
  }
  for (const kit::NginxLocation& l : found) {
    if (Includes(l, snippet_path) && !Listed(locations, l.match)) {
      problems.push_back(fmt::format("`location {}` in {} includes {} but is not in locations",
                                     l.match, l.file, snippet_path));
    }
  }
  return problems;
}

std::vector<std::string> OwnLimitWarnings(const std::vector<kit::NginxLocation>& found,
                                          const std::vector<std::string>& locations) {
  std::vector<std::string> warnings;
  for (const kit::NginxLocation& l : found) {
    if (l.limit_req.empty() || !Listed(locations, l.match)) continue;
    warnings.push_back(
        fmt::format("`location {}` in {} sets limit_req {} itself: both limits apply there, and no "
                    "limit_req of its server does",
                    l.match, l.file, l.limit_req.front()));
  }
  return warnings;
}

}  // namespace kilter::reconciler::nginx_rate_limit
