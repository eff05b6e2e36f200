#include "compiler/lint/maintenance_lints.h"

#include <fmt/format.h>

#include "compiler/catalog/clock_window.h"

namespace kilter::compiler {

void LintMaintenance(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type != "mysql.maintenance") continue;
    std::string analyze = r.resource.fields.value("analyze", "");
    std::string window = r.resource.fields.value("window", "");
    auto schedule = catalog::ParseRunSchedule(analyze);
    auto hours = catalog::ParseClockWindow(window);
    // A malformed value is the schema's error already.
    if (!schedule || !hours || hours->Contains(schedule->minute)) continue;
    auto span = r.field_spans.find("analyze");
    if (span == r.field_spans.end() || !span->second.valid()) span = r.field_spans.find("window");
    diags.Add({Severity::kWarning, kAnalyzeOutsideWindow,
               fmt::format("mysql.maintenance \"{}\" starts at {}, outside its window {}: every "
                           "scheduled run refuses to start",
                           r.resource.name, catalog::ShowClock(schedule->minute), window),
               span != r.field_spans.end() && span->second.valid() ? span->second : r.name_span,
               fmt::format("start the run inside the window, e.g. analyze = \"{}{}\"",
                           schedule->weekday ? analyze.substr(0, analyze.rfind(' ') + 1) : "daily ",
                           catalog::ShowClock(hours->start)),
               {}});
  }
}

}  // namespace kilter::compiler
