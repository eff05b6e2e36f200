#include "compiler/lint/checked_by.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

bool Holds(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void CheckCheckedBy(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  // host -> the health.check names declared there, and name -> its hosts.
  std::map<std::string, std::vector<std::string>> checks;
  std::map<std::string, std::vector<std::string>> hosts_of;
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type != "health.check") continue;
    checks[r.resource.host].push_back(r.resource.name);
    hosts_of[r.resource.name].push_back(r.resource.host);
  }
  for (const EvaluatedResource& r : resources) {
    const nlohmann::json& named = r.resource.fields.value("checked_by", nlohmann::json());
    if (!named.is_array()) continue;
    const std::string& host = r.resource.host;
    auto span = r.field_spans.find("checked_by");
    for (const nlohmann::json& n : named) {
      if (!n.is_string()) continue;
      std::string wanted = n.get<std::string>();
      const std::vector<std::string>& here = checks[host];
      if (Holds(here, wanted)) continue;
      std::string where = "not declared on " + host;
      std::string hint = DidYouMean(wanted, here);
      if (hosts_of.count(wanted)) {
        where = fmt::format("declared on {}, not on {}", fmt::join(hosts_of[wanted], ", "), host);
        hint = fmt::format(
            "a check named in checked_by runs on the host the change is applied to; declare "
            "health.check \"{}\" on {}",
            wanted, host);
      } else if (hint.empty()) {
        hint = fmt::format(
            "declare health.check \"{}\" on {}: apply runs it there after each change of {} "
            "\"{}\"",
            wanted, host, r.resource.type, r.resource.name);
      }
      diags.Add({Severity::kError, codes::kUnknownCheck,
                 fmt::format("{} \"{}\" is checked_by health.check \"{}\", which is {}",
                             r.resource.type, r.resource.name, wanted, where),
                 span != r.field_spans.end() && span->second.valid() ? span->second : r.name_span,
                 hint,
                 {}});
    }
  }
}

}  // namespace kilter::compiler
