#include "reconciler/providers/mysql_maintenance/record.h"

#include <fmt/format.h>

namespace kilter::reconciler::mysql_maintenance {

using nlohmann::json;

bool Record::Ok() const {
  if (!error.empty()) return false;
  for (const TableStep& s : steps) {
    if (s.result != "ok") return false;
  }
  return true;
}

json Record::ToJson() const {
  json doc = {{"database", database}, {"start", start},  {"end", end},
              {"forced", forced},     {"ok", Ok()},      {"error", error},
              {"tables", json::array()}};
  for (const TableStep& s : steps) {
    doc["tables"].push_back({{"table", s.table},
                             {"action", s.action},
                             {"seconds", s.seconds},
                             {"result", s.result},
                             {"error", s.error}});
  }
  return doc;
}

std::optional<Record> Record::Parse(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.value("start", json()).is_string() ||
      !doc.value("tables", json()).is_array()) {
    return std::nullopt;
  }
  Record r;
  r.database = doc.value("database", "");
  r.start = doc.value("start", "");
  r.end = doc.value("end", "");
  r.forced = doc.value("forced", false);
  r.error = doc.value("error", "");
  for (const json& t : doc["tables"]) {
    if (!t.is_object()) return std::nullopt;
    r.steps.push_back({t.value("table", ""), t.value("action", ""), t.value("seconds", 0.0),
                       t.value("result", ""), t.value("error", "")});
  }
  return r;
}

std::vector<std::string> Describe(const Record& r) {
  std::vector<std::string> lines;
  size_t width = 5;
  for (const TableStep& s : r.steps) width = std::max(width, s.table.size());
  for (const TableStep& s : r.steps) {
    std::string line = fmt::format("{:<{}}  {:<8}  {:>7.2f}s  {}", s.table, width, s.action,
                                   s.seconds, s.result);
    if (!s.error.empty()) line += ": " + s.error;
    lines.push_back(line);
  }
  if (!r.error.empty()) lines.push_back("error: " + r.error);
  int failed = 0, skipped = 0;
  for (const TableStep& s : r.steps) {
    failed += s.result == "failed";
    skipped += s.result == "skipped";
  }
  lines.push_back(fmt::format("{} from {} to {}{}: {} steps, {} failed, {} skipped",
                              r.Ok() ? "done" : "FAILED", r.start, r.end,
                              r.forced ? " (forced outside the window)" : "", r.steps.size(),
                              failed, skipped));
  return lines;
}

}  // namespace kilter::reconciler::mysql_maintenance
