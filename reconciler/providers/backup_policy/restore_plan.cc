#include "reconciler/providers/backup_policy/restore_plan.h"

#include <ctime>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/kit/late_run.h"

namespace kilter::reconciler::backup {

using nlohmann::json;

std::optional<std::map<std::string, int64_t>> ParseRowCounts(const std::string& line) {
  std::string prefix = kRowCountsPrefix;
  if (line.rfind(prefix, 0) != 0) return std::nullopt;
  json doc = json::parse(line.substr(prefix.size()), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  std::map<std::string, int64_t> counts;
  for (const auto& [table, count] : doc.items()) {
    if (!count.is_number_integer()) return std::nullopt;
    counts[table] = count.get<int64_t>();
  }
  return counts;
}

std::optional<Snapshot> SelectSnapshot(const json& snapshots, const std::string& id,
                                       std::optional<int64_t> before, std::string& error) {
  std::optional<Snapshot> chosen;
  std::optional<int64_t> chosen_time;
  int matches = 0;
  for (const json& s : snapshots.is_array() ? snapshots : json::array()) {
    Snapshot snap{s.value("id", ""), s.value("short_id", ""), s.value("time", "")};
    std::optional<int64_t> t = ParseRfc3339(snap.time);
    if (!id.empty()) {
      if (snap.id.rfind(id, 0) == 0) {
        ++matches;
        chosen = snap;
      }
      continue;
    }
    if (!t || (before && *t >= *before)) continue;
    if (!chosen_time || *t > *chosen_time) {
      chosen = snap;
      chosen_time = t;
    }
  }
  if (!id.empty() && matches > 1) {
    error = fmt::format("snapshot id {} is ambiguous: {} snapshots start with it", id, matches);
    return std::nullopt;
  }
  if (!chosen) {
    error = !id.empty() ? fmt::format("no snapshot of this policy has the id {}", id)
            : before    ? "no snapshot of this policy is older than the time given"
                        : "the repository holds no snapshot of this policy";
  }
  return chosen;
}

bool PlainDatabaseName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string BeforeRestoreName(const std::string& database, int64_t now) {
  std::time_t t = now;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  return database + "_before_restore_" + stamp;
}

std::string RenameStatement(const std::string& live, const std::vector<std::string>& live_tables,
                            const std::string& restored,
                            const std::vector<std::string>& restored_tables,
                            const std::string& keep) {
  auto quote = [](const std::string& name) {
    std::string q = "`";
    for (char c : name) q += c == '`' ? std::string("``") : std::string(1, c);
    return q + "`";
  };
  std::string sql = "RENAME TABLE";
  const char* sep = " ";
  for (const std::string& t : live_tables) {
    sql += fmt::format("{}{}.{} TO {}.{}", sep, quote(live), quote(t), quote(keep), quote(t));
    sep = ", ";
  }
  for (const std::string& t : restored_tables) {
    sql += fmt::format("{}{}.{} TO {}.{}", sep, quote(restored), quote(t), quote(live), quote(t));
    sep = ", ";
  }
  return sql;
}

json Verification::ToJson() const {
  return {{"time", time}, {"kind", kind}, {"seconds", seconds}, {"snapshot", snapshot}};
}

std::optional<Verification> Verification::Parse(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.value("seconds", json()).is_number()) return std::nullopt;
  Verification v{doc.value("time", ""), doc.value("kind", ""), doc["seconds"].get<double>(),
                 doc.value("snapshot", "")};
  if (!ParseRfc3339(v.time)) return std::nullopt;
  return v;
}

std::optional<std::string> VerifyDueProblem(int64_t now, const std::optional<Verification>& last,
                                            std::optional<int64_t> installed, int64_t verify_every) {
  if (last) {
    int64_t age = now - ParseRfc3339(last->time).value_or(0);
    if (age <= verify_every) return std::nullopt;
    return fmt::format(
        "restore not proven recently: the last successful {} ({}, snapshot {}) is {} old, "
        "verify_every is {}; its restore took {:.1f}s. Run `kilter backup verify`",
        last->kind, last->time, last->snapshot.substr(0, 8), kit::HumanAge(age), kit::HumanAge(verify_every),
        last->seconds);
  }
  if (installed && now - *installed > verify_every) {
    return fmt::format(
        "restore never proven: no successful verification in the {} since the schedule was "
        "installed, verify_every is {}. Run `kilter backup verify`",
        kit::HumanAge(now - *installed), kit::HumanAge(verify_every));
  }
  return std::nullopt;
}

}  // namespace kilter::reconciler::backup
