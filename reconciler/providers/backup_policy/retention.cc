#include "reconciler/providers/backup_policy/retention.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace kilter::reconciler::backup {

using nlohmann::json;

namespace {

std::string Join(const json& list) {
  std::string out;
  for (const json& item : list) {
    if (!out.empty()) out += ", ";
    out += item.get<std::string>();
  }
  return out;
}

}  // namespace

Retention ParseRetention(const json& forget) {
  Retention r;
  for (const json& group : forget) {
    std::map<std::string, std::string> why_by_time;
    if (group.contains("reasons") && group["reasons"].is_array()) {
      for (const json& reason : group["reasons"]) {
        why_by_time[reason.at("snapshot").at("time").get<std::string>()] = Join(reason.at("matches"));
      }
    }
    for (const char* list : {"keep", "remove"}) {
      if (!group.contains(list) || !group[list].is_array()) continue;
      for (const json& snap : group[list]) {
        RetentionRow row;
        row.time = snap.at("time").get<std::string>();
        row.id = snap.value("short_id", snap.value("id", "").substr(0, 8));
        row.keep = std::string(list) == "keep";
        if (row.keep) row.why = why_by_time[row.time];
        (row.keep ? r.kept : r.forgotten) += 1;
        r.rows.push_back(std::move(row));
      }
    }
  }
  std::sort(r.rows.begin(), r.rows.end(),
            [](const RetentionRow& a, const RetentionRow& b) { return a.time > b.time; });
  return r;
}

std::string RenderRetention(const Retention& retention) {
  std::string out = fmt::format("retention against the repository's {} snapshots: keep {}, forget {}\n",
                                retention.rows.size(), retention.kept, retention.forgotten);
  for (const RetentionRow& row : retention.rows) {
    std::string time = row.time.substr(0, 19);
    std::replace(time.begin(), time.end(), 'T', ' ');
    out += fmt::format("  {:<6} {}  {}{}\n", row.keep ? "keep" : "forget", time, row.id,
                       row.keep && !row.why.empty() ? "  (" + row.why + ")" : "");
  }
  return out;
}

}  // namespace kilter::reconciler::backup
