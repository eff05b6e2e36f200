#include "reconciler/providers/backup_policy/last_backup.h"

#include <fmt/format.h>

namespace kilter::reconciler::backup {

using nlohmann::json;

std::optional<LastBackup> LastBackup::Parse(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  LastBackup last{doc.value("repository_id", ""), doc.value("snapshot", ""), doc.value("time", ""),
                  std::nullopt};
  if (last.repository_id.empty()) return std::nullopt;
  if (doc.value("size_bytes", json()).is_number_integer()) last.size_bytes = doc["size_bytes"];
  return last;
}

std::optional<std::string> LostBackupProblem(const LastBackup& last, const std::string& repository,
                                             const json& config, const json& snapshots) {
  std::string made = last.snapshot.empty()
                         ? last.time
                         : fmt::format("{}, snapshot {}", last.time, last.snapshot.substr(0, 8));
  std::string id = config.is_object() ? config.value("id", "") : "";
  if (!id.empty() && id != last.repository_id) {
    return fmt::format(
        "repository {} was replaced or re-initialised after the "
        "last successful backup ({}): "
        "its id was {}, it is now {}, and the backups made "
        "before are not in it; the next "
        "successful run records the new repository",
        repository, made, last.repository_id.substr(0, 8), id.substr(0, 8));
  }
  if (last.snapshot.empty() || !snapshots.is_array()) return std::nullopt;
  for (const json& snap : snapshots) {
    if (snap.value("id", "").rfind(last.snapshot, 0) == 0) return std::nullopt;
  }
  if (snapshots.empty()) {
    return fmt::format(
        "repository {} was emptied: it holds no snapshot of this policy, yet "
        "the last successful "
        "backup ({}) went there; the next successful run makes a new one",
        repository, made);
  }
  return fmt::format(
      "the snapshot of the last successful backup ({}) is gone "
      "from {}: it was forgotten by "
      "hand ({} other snapshot{} of this policy left); the next "
      "successful run makes a new one",
      made, repository, snapshots.size(), snapshots.size() == 1 ? "" : "s");
}

}  // namespace kilter::reconciler::backup
