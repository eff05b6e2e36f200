#include "reconciler/plan/redact.h"

#include <algorithm>
#include <set>

namespace kilter::reconciler {

namespace {

/// A sensitive value as it may appear in text: the whole value, and each
/// non-blank line of a multi-line string.
void Collect(const nlohmann::json& value, std::set<std::string>& wholes,
             std::set<std::string>& lines) {
  if (value.is_null()) return;
  if (value.is_array() || value.is_object()) {
    for (const auto& item : value) Collect(item, wholes, lines);
    return;
  }
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.empty()) return;
  wholes.insert(text);
  if (text.find('\n') == std::string::npos) return;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.insert(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

/// Replaces every occurrence of `needle` (longest first, so a value never
/// leaks through a shorter one being replaced inside it).
void ReplaceAll(std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& needle : needles) {
    for (size_t pos = text.find(needle); pos != std::string::npos;
         pos = text.find(needle, pos + std::string(kRedacted).size())) {
      text.replace(pos, needle.size(), kRedacted);
    }
  }
}

void RedactMembers(nlohmann::json& object, const std::set<std::string>& fields) {
  if (!object.is_object()) return;
  for (const std::string& f : fields) {
    if (object.contains(f) && !object[f].is_null()) object[f] = kRedacted;
  }
}

}  // namespace

void Redact(Change& change, const std::vector<std::string>& sensitive_fields) {
  std::set<std::string> fields(sensitive_fields.begin(), sensitive_fields.end());
  for (const FieldChange& f : change.fields) {
    if (f.sensitive) fields.insert(f.field);
  }
  if (fields.empty()) return;

  std::set<std::string> wholes, lines;
  for (FieldChange& f : change.fields) {
    if (!fields.count(f.field)) continue;
    f.sensitive = true;
    Collect(f.before, wholes, lines);
    Collect(f.after, wholes, lines);
    if (!f.before.is_null()) f.before = kRedacted;
    if (!f.after.is_null()) f.after = kRedacted;
    f.before_display.clear();
    f.after_display.clear();
  }
  for (const std::string& f : fields) {
    if (change.desired.is_object() && change.desired.contains(f)) {
      Collect(change.desired[f], wholes, lines);
    }
    if (change.live.is_object() && change.live.contains(f)) Collect(change.live[f], wholes, lines);
  }
  RedactMembers(change.desired, fields);
  RedactMembers(change.live, fields);

  std::vector<std::string> needles(wholes.begin(), wholes.end());
  needles.insert(needles.end(), lines.begin(), lines.end());
  std::sort(needles.begin(), needles.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (Action& a : change.actions) {
    bool leaks = std::any_of(needles.begin(), needles.end(), [&](const std::string& n) {
      return a.detail.find(n) != std::string::npos;
    });
    if (leaks) a.detail = "(hidden: contains a sensitive value)";
    ReplaceAll(a.summary, needles);
  }
  for (std::string& r : change.reasons) ReplaceAll(r, needles);
  for (std::string& w : change.warnings) ReplaceAll(w, needles);
  for (std::string& p : change.problems) ReplaceAll(p, needles);
}

}  // namespace kilter::reconciler
