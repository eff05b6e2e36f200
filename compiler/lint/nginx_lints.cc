#include "compiler/lint/nginx_lints.h"

#include <fmt/format.h>

#include <map>
#include <string>
#include <utility>

namespace kilter::compiler {

namespace {

Span Where(const EvaluatedResource& r) {
  auto it = r.field_spans.find("locations");
  if (it != r.field_spans.end() && it->second.valid()) return it->second;
  return r.name_span.valid() ? r.name_span : r.span;
}

}  // namespace

void LintNginx(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  // (host, location) -> the first rate limit that lists it.
  std::map<std::pair<std::string, std::string>, const EvaluatedResource*> first;
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type != "nginx.rate_limit") continue;
    auto locations = r.resource.fields.find("locations");
    if (locations == r.resource.fields.end() || !locations->is_array()) continue;
    for (const nlohmann::json& l : *locations) {
      if (!l.is_string()) continue;
      auto [it, fresh] = first.emplace(std::pair(r.resource.host, l.get<std::string>()), &r);
      if (fresh) continue;
      diags.Add({Severity::kWarning,
                 "W0305",
                 fmt::format("nginx.rate_limit \"{}\" and nginx.rate_limit \"{}\" both limit "
                             "location {} on {}: nginx applies both limits there, and whichever "
                             "is stricter refuses first",
                             r.resource.name, it->second->resource.name, it->first.second,
                             r.resource.host),
                 Where(r),
                 "limit each location from one rate limit, or accept W0305 when both are meant",
                 {{Where(*it->second), "the other rate limit of that location"}}});
    }
  }
}

}  // namespace kilter::compiler
