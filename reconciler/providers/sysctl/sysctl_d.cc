#include "reconciler/providers/sysctl/sysctl_d.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "reconciler/providers/sysctl/key.h"

namespace kilter::reconciler::sysctl {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool IsGlob(const std::string& key) { return key.find_first_of("*?[") != std::string::npos; }

bool Skipped(const std::string& file, const std::vector<std::string>& skip) {
  return std::find(skip.begin(), skip.end(), file) != skip.end();
}

}  // namespace

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<ConfFile> LoadOrder(const std::vector<std::string>& dirs,
                                const std::map<std::string, std::vector<ConfFile>>& found) {
  std::map<std::string, ConfFile> by_name;
  for (const std::string& dir : dirs) {
    auto it = found.find(dir);
    if (it == found.end()) continue;
    for (const ConfFile& f : it->second) by_name.emplace(BaseName(f.path), f);
  }
  std::vector<ConfFile> order;
  for (auto& [name, file] : by_name) order.push_back(std::move(file));
  return order;
}

size_t PlaceOf(const std::string& name, const std::vector<ConfFile>& files) {
  return static_cast<size_t>(std::count_if(files.begin(), files.end(), [&](const ConfFile& f) {
    return BaseName(f.path) < name;
  }));
}

Persisted::Persisted(const std::vector<ConfFile>& load_order) {
  for (size_t i = 0; i < load_order.size(); ++i) {
    const std::string& text = load_order[i].content;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = Trim(text.substr(start, end - start));
      start = end + 1;
      if (line.empty() || line[0] == '#' || line[0] == ';') continue;
      // A leading '-' only tells the boot to ignore a failure to set it.
      if (line[0] == '-') line = Trim(line.substr(1));
      size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = NormalKey(Trim(line.substr(0, eq)));
      bool glob = IsGlob(key);
      lines_.emplace_back(key, Assignment{Trim(line.substr(eq + 1)), load_order[i].path, i, glob});
    }
  }
}

std::vector<std::string> Persisted::Keys() const {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto& [key, a] : lines_) {
    if (!a.glob && seen.insert(key).second) keys.push_back(key);
  }
  return keys;
}

std::optional<Assignment> Persisted::Effective(const std::string& key,
                                               const std::vector<std::string>& skip) const {
  std::optional<Assignment> glob;
  for (auto it = lines_.rbegin(); it != lines_.rend(); ++it) {
    const auto& [pattern, assignment] = *it;
    if (Skipped(assignment.file, skip)) continue;
    // An explicit line wins over every glob, wherever it is.
    if (pattern == key) return assignment;
    if (!glob && assignment.glob && fnmatch(pattern.c_str(), key.c_str(), 0) == 0) {
      glob = assignment;
    }
  }
  return glob;
}

}  // namespace kilter::reconciler::sysctl
