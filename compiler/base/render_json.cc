#include "compiler/base/render_json.h"

#include "compiler/base/location.h"

namespace kilter::compiler {

using nlohmann::json;

namespace {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

}  // namespace

json LocationJson(const Span& span) {
  if (!span.valid()) return nullptr;
  Location loc = Locate(span);
  return {{"file", loc.file},
          {"line", loc.line},
          {"column", loc.column},
          {"end_line", loc.end_line},
          {"end_column", loc.end_column}};
}

json RenderJson(const Diagnostics& diags) {
  json list = json::array();
  for (const Diagnostic& d : diags.all()) {
    json related = json::array();
    for (const RelatedSpan& r : d.related) {
      related.push_back({{"message", r.message}, {"location", LocationJson(r.span)}});
    }
    list.push_back({{"severity", SeverityName(d.severity)},
                    {"code", d.code},
                    {"message", d.message},
                    {"location", LocationJson(d.span)},
                    {"hint", d.hint},
                    {"related", related}});
  }
  json accepted = json::array();
  for (const AcceptedWarning& a : diags.accepted()) {
    accepted.push_back({{"code", a.warning.code},
                        {"message", a.warning.message},
                        {"location", LocationJson(a.warning.span)},
                        {"reason", a.acceptance.reason},
                        {"accepted_at", LocationJson(a.acceptance.span)}});
  }
  return {{"version", 1},
          {"diagnostics", list},
          {"accepted", accepted},
          {"errors", diags.error_count()},
          {"warnings", diags.warning_count()},
          {"dropped", diags.dropped()}};
}

}  // namespace kilter::compiler
