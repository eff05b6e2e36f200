#include "compiler/lint/secret_lints.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "compiler/sema/codes.h"

namespace kilter::compiler {

void LintSecrets(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  // A resource declared on a group is one EvaluatedResource per host, all
  // pointing at the same field: warn once.
  std::set<std::pair<const SourceFile*, uint32_t>> seen;
  for (const EvaluatedResource& r : resources) {
    for (const std::string& field : r.resource.sensitive) {
      auto at = r.field_spans.find(field);
      if (at == r.field_spans.end() || r.resource.secrets.contains(field)) continue;
      const nlohmann::json& value = r.resource.fields.at(field);
      if (value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty())) {
        continue;
      }
      if (!seen.insert({at->second.file, at->second.begin}).second) continue;
      diags.Warning(codes::kLiteralSecret, at->second,
                    fmt::format("`{}` of {} is sensitive, but its value is written in the specs: "
                                "it sits in git and in every saved plan",
                                field, r.resource.type),
                    fmt::format("read it on the controller instead: {} = env(\"NAME\") or "
                                "file(\"PATH\") (docs/secrets.md)",
                                field));
    }
  }
}

}  // namespace kilter::compiler
