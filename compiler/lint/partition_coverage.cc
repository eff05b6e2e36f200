#include "compiler/lint/partition_coverage.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

void CheckPartitionCoverage(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  // host -> the backup.policy names declared there.
  std::map<std::string, std::vector<std::string>> policies;
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type == "backup.policy") policies[r.resource.host].push_back(r.resource.name);
  }
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type != "mysql.partitioning") continue;
    std::string wanted = r.resource.fields.value("covered_by", "");
    const std::vector<std::string>& here = policies[r.resource.host];
    if (wanted.empty() || std::find(here.begin(), here.end(), wanted) != here.end()) continue;
    auto span = r.field_spans.find("covered_by");
    std::string hint = DidYouMean(wanted, here);
    if (hint.empty()) {
      hint = fmt::format(
          "declare backup.policy \"{}\" on {}: a partition is dropped only once that policy has "
          "a snapshot taken after it",
          wanted, r.resource.host);
    }
    diags.Add({Severity::kError, codes::kUnknownCover,
               fmt::format("mysql.partitioning \"{}\" is covered_by backup.policy \"{}\", which "
                           "is not declared on {}",
                           r.resource.name, wanted, r.resource.host),
               span != r.field_spans.end() && span->second.valid() ? span->second : r.name_span,
               hint,
               {}});
  }
}

}  // namespace kilter::compiler
